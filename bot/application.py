"""Building the python-telegram-bot Application: the same code for Telegram and the sandbox.

Only settings differ: the Bot API base URL, and webhook (no Updater) or polling.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, BaseRateLimiter

from bot.chat_order import PerChatOrder
from bot.context import BotContext, install
from bot.handlers import register_handlers
from bot.persistence import DatabasePersistence
from bot.updates import KithApplication
from models.core.clock import Clock, SystemClock


@dataclass
class BotConfig:
    token: str
    # python-telegram-bot's form: the token is appended, e.g. "https://api.telegram.org/bot".
    base_url: str
    sessionmaker: async_sessionmaker[AsyncSession]
    clock: Clock = field(default_factory=SystemClock)
    webhook: bool = False
    rate_limit: bool = True
    # Telegram's overall limit for PTB's in-process AIORateLimiter (the KITH_SEND_PER_SECOND
    # setting; the benchmarks raise it to measure Kith rather than the limit).
    send_per_second: float = 30.0
    # `kith` passes the shared send budget, so replies count against the limits every Kith
    # process shares; without one, PTB's in-process AIORateLimiter.
    rate_limiter: BaseRateLimiter[Any] | None = None
    # Updates of different chats handled at once (bot/chat_order.py); 1: strictly one at a time.
    concurrent_updates: int = 8
    # KITH_PLACING_COUNCIL: the council that places self-referrals whose council is unknown.
    placing_council: str | None = None


def file_url_for(base_url: str) -> str:
    """The file download URL that goes with a Bot API base URL (".../bot" → ".../file/bot")."""
    head, sep, tail = base_url.rpartition("/")
    return f"{head}/file/{tail}" if sep else f"{base_url}/file"


def build_application(config: BotConfig) -> Application:  # type: ignore[type-arg]
    builder = (
        ApplicationBuilder()
        .application_class(KithApplication)
        .token(config.token)
        .base_url(config.base_url)
        .base_file_url(file_url_for(config.base_url))
        # Conversations are persisted in our database. Each chat's updates are handled in
        # order (PTB's ConversationHandler relies on it); different chats side by side.
        .persistence(DatabasePersistence(config.sessionmaker, config.clock))
        .concurrent_updates(
            PerChatOrder(config.concurrent_updates) if config.concurrent_updates > 1 else False
        )
    )
    if config.rate_limiter is not None:
        builder = builder.rate_limiter(config.rate_limiter)
    elif config.rate_limit:
        limiter = AIORateLimiter(overall_max_rate=config.send_per_second, max_retries=3)
        builder = builder.rate_limiter(limiter)  # type: ignore[arg-type]
    if config.webhook:
        builder = builder.updater(None)
    application = builder.build()
    install(
        application,
        BotContext(
            sessionmaker=config.sessionmaker,
            clock=config.clock,
            placing_council=config.placing_council,
        ),
    )
    register_handlers(application)
    return application
