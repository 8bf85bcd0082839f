"""A Kith scheduler talking to the local Bot API sandbox over real HTTP, for end-to-end tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.sandbox.world import BotWorld
from models.core.clock import Clock
from models.outbox.delivery import RetryPolicy
from scheduler.dispatcher import OutboxSettings
from scheduler.mailer import SmtpMailer
from scheduler.service import KithScheduler, SchedulerSettings
from scheduler.telegram_sender import TelegramSender
from tests.chat.fixtures import SandboxServer


@asynccontextmanager
async def sandboxed_scheduler(
    *,
    server: SandboxServer,
    world: BotWorld,
    sessionmaker: async_sessionmaker[AsyncSession],
    clock: Clock,
    per_second: float = 30.0,
    per_chat_per_second: float = 1.0,
    max_attempts: int = 5,
    read_timeout: float = 5.0,
    mailer: SmtpMailer | None = None,
    worker: str = "test-scheduler",
) -> AsyncIterator[KithScheduler]:
    request = HTTPXRequest(connection_pool_size=16, read_timeout=read_timeout)
    async with Bot(world.token, base_url=server.base_url, request=request) as bot:
        yield KithScheduler(
            sessionmaker=sessionmaker,
            sender=TelegramSender(bot, timeout=read_timeout),
            clock=clock,
            settings=SchedulerSettings(
                outbox=OutboxSettings(
                    per_second=per_second,
                    per_chat_per_second=per_chat_per_second,
                    drain_for=timedelta(seconds=30),
                    retry=RetryPolicy(
                        max_attempts=max_attempts,
                        base=timedelta(seconds=10),
                        cap=timedelta(minutes=5),
                    ),
                )
            ),
            worker=worker,
            mailer=mailer,
        )
