"""Wiring the scheduler: settings in, the Bot from bot/application.py as its Sender."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot

from kith.send_budget import SharedSendBudget
from kith.settings import Settings
from kith.system import System
from models.core.clock import Clock
from models.outbox.delivery import RetryPolicy
from scheduler.dispatcher import OutboxSettings
from scheduler.mailer import SmtpMailer, SmtpSettings
from scheduler.service import KithScheduler, SchedulerSettings
from scheduler.telegram_sender import TelegramSender


def scheduler_settings(settings: Settings) -> SchedulerSettings:
    return SchedulerSettings(
        timezone=settings.timezone,
        outbox=OutboxSettings(
            per_second=settings.send_per_second,
            per_chat_per_second=settings.send_per_chat_per_second,
            lease=timedelta(seconds=settings.outbox_lease_seconds),
            retry=RetryPolicy(max_attempts=settings.send_max_attempts),
        ),
        checkin_grace=timedelta(hours=settings.checkin_grace_hours),
        reminder_grace=timedelta(hours=settings.reminder_grace_hours),
    )


def send_budget(
    settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]
) -> SharedSendBudget:
    """The rate limiter to give the bot's Application, so its replies count too."""
    return SharedSendBudget(
        sessionmaker=sessionmaker,
        per_second=settings.send_per_second,
        per_chat_per_second=settings.send_per_chat_per_second,
    )


def build_scheduler(
    *,
    settings: Settings,
    sessionmaker: async_sessionmaker[AsyncSession],
    clock: Clock,
    bot: Bot,
) -> KithScheduler:
    return KithScheduler(
        sessionmaker=sessionmaker,
        sender=TelegramSender(bot, timeout=settings.send_timeout_seconds),
        clock=clock,
        settings=scheduler_settings(settings),
        mailer=mailer(settings),
    )


def mailer(settings: Settings) -> SmtpMailer | None:
    """Email nudges by SMTP when a host is set; without one, nobody is emailed."""
    if settings.smtp_host is None:
        return None
    return SmtpMailer(
        SmtpSettings(
            host=settings.smtp_host,
            port=settings.smtp_port,
            tls=settings.smtp_tls,
            sender=settings.smtp_sender,
            username=settings.smtp_username,
            password=settings.smtp_password.get_secret_value() if settings.smtp_password else None,
            workspace_url=settings.workspace_address,
        )
    )


class SchedulerService:
    """The scheduler as one of `kith run`'s services, on the API's and the bot's event loop."""

    name = "scheduler"

    def __init__(self, scheduler: KithScheduler) -> None:
        self.scheduler = scheduler

    async def start(self) -> None:
        self.scheduler.start()

    async def stop(self) -> None:
        await self.scheduler.stop()


def standalone_bot(system: System) -> Bot:
    """The bot built by bot/application.py (no updates: the scheduler only sends)."""
    from bot.application import BotConfig, build_application

    token = system.settings.telegram_token
    if token is None:
        raise SystemExit("KITH_TELEGRAM_TOKEN is needed to send messages")
    application = build_application(
        BotConfig(
            token=token.get_secret_value(),
            base_url=system.settings.telegram_api_url,
            sessionmaker=system.sessionmaker,
            clock=system.clock,
            webhook=True,
            rate_limiter=send_budget(system.settings, system.sessionmaker),
        )
    )
    bot: Bot = application.bot
    return bot


async def run_scheduler_alone(system: System) -> None:
    """`kith scheduler`: tick until SIGTERM or SIGINT, then stop cleanly."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    bot = standalone_bot(system)
    try:
        async with bot:
            scheduler = build_scheduler(
                settings=system.settings,
                sessionmaker=system.sessionmaker,
                clock=system.clock,
                bot=bot,
            )
            scheduler.start()
            try:
                await stop.wait()
            finally:
                await scheduler.stop()
    finally:
        await system.engine.dispose()
