"""Wiring the scheduler: settings in, the Bot from bot/application.py as its Sender."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from datetime import timedelta

from telegram import Bot

from kith.send_budget import SharedSendBudget
from kith.settings import Settings
from kith.system import System
from models.delivery import RetryPolicy
from scheduler.dispatcher import OutboxSettings
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


def send_budget(system: System) -> SharedSendBudget:
    """The rate limiter to give the bot's Application, so its replies count too."""
    return SharedSendBudget(
        sessionmaker=system.sessionmaker,
        per_second=system.settings.send_per_second,
        per_chat_per_second=system.settings.send_per_chat_per_second,
    )


def build_scheduler(system: System, bot: Bot) -> KithScheduler:
    return KithScheduler(
        sessionmaker=system.sessionmaker,
        sender=TelegramSender(bot),
        clock=system.clock,
        settings=scheduler_settings(system.settings),
    )


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
            rate_limiter=send_budget(system),
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
            scheduler = build_scheduler(system, bot)
            scheduler.start()
            try:
                await stop.wait()
            finally:
                await scheduler.stop()
    finally:
        await system.engine.dispose()
