"""The running system: the API, the bot (and the scheduler) in ONE event loop.

`build_runtime` decides what runs from the settings:
- a Telegram token: the bot talks to `KITH_TELEGRAM_API_URL` (Telegram itself by default);
- no token: the playground — the local Bot API sandbox and its web chat page (kith/playground.py),
  never in production: there, no token refuses to start (one line), unless KITH_API_ONLY;
- `KITH_API_ONLY`: the API and the workspace alone, no bot and no scheduler;
- `KITH_WEBHOOK_URL` set: webhook mode (the API receives updates); otherwise polling;
- `KITH_METRICS_ADDRESS`: /metrics on a listener of its own (kith/metrics_listener.py).

Every long-running part is a `Service` started, in order, in the API's lifespan and stopped in
reverse. **New services are added in `build_services`.**
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Protocol

import uvicorn
from fastapi import FastAPI

from api.app import ApiContext, create_app
from bot.application import BotConfig, build_application
from kith.metrics_listener import MetricsListener
from kith.playground import Playground
from kith.scheduling import SchedulerService, build_scheduler, send_budget
from kith.settings import Settings
from kith.system import System
from kith.telegram import BotService
from kith.workspace import mount_workspace, workspace_context

log = logging.getLogger("kith")


class Service(Protocol):
    """A long-running part of Kith, started and stopped with the API."""

    name: str

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


REFUSED_WITHOUT_BOT = (
    "Kith will not start: KITH_ENVIRONMENT is production and KITH_TELEGRAM_TOKEN is not set "
    "(the playground and its demo data never run in production). Set the bot's token, or "
    "KITH_API_ONLY=true to run the API and the workspace alone."
)


class StartRefusedError(SystemExit):
    """Kith does not start, and says why in one line."""


def refuse_to_start_without_a_bot(settings: Settings) -> None:
    """In production a missing token is a mistake, never a reason to run the playground."""
    no_bot = settings.telegram_token is None and not settings.api_only
    if settings.environment == "production" and no_bot:
        raise StartRefusedError(REFUSED_WITHOUT_BOT)


@dataclass
class Runtime:
    app: FastAPI
    services: list[Service]
    bot: BotService | None  # None: API only
    playground: Playground | None
    scheduler: SchedulerService | None = None


def build_runtime(system: System, *, playground_port: int | None = None) -> Runtime:
    """Everything `kith run` starts, wired together but not yet started."""
    settings = system.settings
    production = settings.environment == "production"
    refuse_to_start_without_a_bot(settings)
    bot, playground = (None, None) if settings.api_only else _bot(system, playground_port)
    services = build_services(system, bot, playground)
    if settings.metrics_listener is not None:
        host, port = settings.metrics_listener
        services.append(MetricsListener(host, port, lambda: app.state.metrics))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        started: list[Service] = []
        try:
            for service in services:
                await service.start()
                started.append(service)
            for line in describe(settings, playground):
                log.info("%s", line)
            yield
        finally:
            for service in reversed(started):
                try:
                    await service.stop()
                except Exception:
                    log.exception("stopping %s failed", service.name)

    context = ApiContext(
        sessionmaker=system.sessionmaker,
        clock=system.clock,
        production=production,
        require_totp=settings.require_totp,
        bot_username=settings.bot_username,
        telegram_webhook=bot.webhook() if bot is not None else None,
        metrics_token=settings.metrics_token.get_secret_value() if settings.metrics_token else None,
    )
    scheduler = next((s for s in services if isinstance(s, SchedulerService)), None)
    app = create_app(context, lifespan=lifespan)
    if settings.workspace:
        # The playground's link signs its fictional demo coordinator in (never in production).
        demo_code = (
            playground.demo_sign_in_code if playground is not None and not production else None
        )
        mount_workspace(
            app,
            workspace_context(
                settings, system.sessionmaker, system.clock, demo_sign_in_code=demo_code
            ),
        )
    return Runtime(app, services, bot, playground, scheduler)


def _bot(
    system: System, playground_port: int | None
) -> tuple[BotService | None, Playground | None]:
    """The bot, talking to Telegram with a token, or to the playground's sandbox without."""
    settings = system.settings
    playground: Playground | None = None
    if settings.telegram_token is None:
        port = settings.playground_port if playground_port is None else playground_port
        playground = Playground(
            system.sessionmaker,
            system.clock,
            host=settings.host,
            port=port,
            workspace_url=settings.workspace_address if settings.workspace else None,
        )
        token, base_url = playground.token, playground.base_url
    else:
        token, base_url = settings.telegram_token.get_secret_value(), settings.telegram_api_url
    webhook = settings.webhook_url is not None
    application = build_application(
        BotConfig(
            token=token,
            base_url=base_url,
            sessionmaker=system.sessionmaker,
            clock=system.clock,
            webhook=webhook,
            rate_limiter=send_budget(settings, system.sessionmaker),
            concurrent_updates=settings.bot_concurrent_updates,
            placing_council=settings.placing_council,
        )
    )
    bot = BotService(
        application,
        webhook_url=settings.webhook_url,
        webhook_secret=settings.webhook_secret.get_secret_value()
        if settings.webhook_secret
        else None,
    )
    return bot, playground


def build_services(
    system: System, bot: BotService | None, playground: Playground | None
) -> list[Service]:
    """What runs beside the API, in start order (stopped in reverse). The playground's sandbox
    must answer before the bot starts (it calls getMe); the scheduler comes after the bot and
    sends with its Bot. API only: neither."""
    services: list[Service] = []
    if bot is None:
        return services
    if playground is not None:
        services.append(playground)
    services.append(bot)
    services.append(
        SchedulerService(
            build_scheduler(
                settings=system.settings,
                sessionmaker=system.sessionmaker,
                clock=system.clock,
                bot=bot.application.bot,
            )
        )
    )
    return services


def describe(settings: Settings, playground: Playground | None) -> list[str]:
    """The start-up lines that say plainly which mode runs and where to open it."""
    api = f"http://{settings.host}:{settings.port}"
    lines = [f"Kith API on {api} (health: {api}/healthz)"]
    if settings.workspace:
        lines.append(f"Coordinator workspace: {settings.workspace_address}/")
    if settings.api_only:
        lines.append(
            "API ONLY (KITH_API_ONLY): no bot and no scheduler run in this process; "
            "nothing is sent to young people or coordinators from here."
        )
        lines.append(_metrics_line(settings))
        return lines
    if playground is not None:
        lines.append(
            "PLAYGROUND MODE: no KITH_TELEGRAM_TOKEN is set, so Kith talks to its local "
            "Telegram sandbox, not to Telegram. Nothing leaves this machine."
        )
        lines.append(f"Open the playground in a browser: {playground.url}/")
    else:
        lines.append(f"TELEGRAM MODE: the bot talks to the Bot API at {settings.telegram_api_url}")
    if settings.webhook_url:
        lines.append(f"Updates arrive by webhook at {settings.webhook_url}")
    else:
        lines.append("Updates arrive by long polling")
    lines.append(_metrics_line(settings))
    return lines


def _metrics_line(settings: Settings) -> str:
    if settings.metrics_listener is not None:
        host, port = settings.metrics_listener
        return f"Metrics for Prometheus on http://{host}:{port}/metrics (KITH_METRICS_ADDRESS)"
    if settings.metrics_token is not None:
        return "Metrics for Prometheus at /metrics, with the bearer token KITH_METRICS_TOKEN"
    return "Metrics are off (KITH_METRICS_TOKEN or KITH_METRICS_ADDRESS turns them on)"


async def serve(system: System) -> None:
    """Serve the API, the bot and the rest until interrupted."""
    settings = system.settings
    runtime = build_runtime(system)
    config = uvicorn.Config(
        runtime.app,
        host=settings.host,
        port=settings.port,
        # Logging is set up once (kith/logs.py); uvicorn's own set-up would undo it.
        log_config=None,
        log_level=max(logging.WARNING, logging.getLevelName(settings.log_level)),
        access_log=False,
        proxy_headers=True,
        forwarded_allow_ips=settings.trusted_proxies,
    )
    try:
        await uvicorn.Server(config).serve()
    finally:
        await system.engine.dispose()
