"""The running system: one event loop for the API (and, as they land, the bot and scheduler)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import uvicorn
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from api.app import ApiContext, create_app
from kith.keys import configure_keys
from kith.settings import Settings
from models.clock import Clock, SystemClock
from models.db import make_engine, make_sessionmaker

log = logging.getLogger("kith")


@dataclass
class System:
    settings: Settings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    clock: Clock = field(default_factory=SystemClock)


def build_system(settings: Settings, *, clock: Clock | None = None) -> System:
    configure_keys(settings)
    engine = make_engine(settings.database_url)
    return System(
        settings=settings,
        engine=engine,
        sessionmaker=make_sessionmaker(engine),
        clock=clock or SystemClock(),
    )


async def serve(system: System) -> None:
    """Serve the API until interrupted."""
    settings = system.settings
    app = create_app(
        ApiContext(
            sessionmaker=system.sessionmaker,
            clock=system.clock,
            production=settings.environment == "production",
        )
    )
    config = uvicorn.Config(
        app, host=settings.host, port=settings.port, log_level=settings.log_level.lower()
    )
    log.info("Kith API listening on http://%s:%s", settings.host, settings.port)
    try:
        await uvicorn.Server(config).serve()
    finally:
        await system.engine.dispose()
