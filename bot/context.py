"""What every handler needs, stored once on the Application (`application.bot_data["kith"]`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import Application, ContextTypes

from models.core.clock import Clock, SystemClock

KITH_KEY = "kith"


@dataclass
class BotContext:
    sessionmaker: async_sessionmaker[AsyncSession]
    clock: Clock = field(default_factory=SystemClock)
    # Where a self-referral goes when the young person doesn't know their council (a slug).
    placing_council: str | None = None


def kith_of(context: ContextTypes.DEFAULT_TYPE) -> BotContext:
    found = context.application.bot_data[KITH_KEY]
    assert isinstance(found, BotContext)
    return found


def install(application: Application, bot_context: BotContext) -> None:  # type: ignore[type-arg]
    application.bot_data[KITH_KEY] = bot_context
