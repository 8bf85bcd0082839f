"""The system Kith runs on: its settings, the database engine and sessions, and the clock.

Built once by the `kith` command (kith/cli.py) and handed to what runs: the API with the bot
and the scheduler (kith/runtime.py), the scheduler alone (kith/scheduling.py), reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from kith.keys import configure_keys
from kith.settings import Settings
from models.core.clock import Clock, SystemClock
from models.core.db import make_engine, make_sessionmaker


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
