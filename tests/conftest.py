"""Fixtures shared by every test: databases on SQLite and PostgreSQL, a clock, the key ring."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from models.core import crypto
from models.core.clock import ManualClock
from models.core.db import make_sessionmaker
from tests import databases

pytest_plugins = ["tests.chat.fixtures", "tests.support.catalogs"]

T = TypeVar("T")
TEST_KEY = "0TrJ6Jgk1Lzq9Ujvx7o3a8bYz2cq1m8aRkqWZ9h0W8Q="
IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_configure(config: pytest.Config) -> None:
    crypto.configure([TEST_KEY])


def _run_aside(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine on its own loop in a thread (for sync fixtures that need asyncpg)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def _prepare_pg() -> str:
    url = await databases.create_pg_database()
    engine = databases.new_engine(url)
    await databases.create_schema(engine)
    await engine.dispose()
    return url


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """One PostgreSQL database for the run; skipped (or, in CI, failed) when unreachable."""
    reason = _run_aside(databases.postgres_unreachable_reason())
    if reason is not None:
        if IN_CI:
            pytest.fail(f"CI=true but {reason}: the PostgreSQL leg cannot be skipped in CI")
        print(f"\nSKIPPING the PostgreSQL leg: {reason}")
        pytest.skip(reason)
    url = _run_aside(_prepare_pg())
    yield url
    _run_aside(databases.drop_pg_database(url))


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def database_url(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[str]:
    """A fresh, empty database with the schema, on the backend under test."""
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'kith.db'}"
        engine = databases.new_engine(url)
        await databases.create_schema(engine)
        await engine.dispose()
        yield url
        return
    url = request.getfixturevalue("postgres_url")
    engine = databases.new_engine(url)
    await databases.empty_all_tables(engine)
    await engine.dispose()
    yield url


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = databases.new_engine(database_url)
    yield engine
    await engine.dispose()


@pytest.fixture
def sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return make_sessionmaker(engine)


@pytest.fixture
async def session(sessionmaker: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    async with sessionmaker() as session:
        yield session


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 3, 2, 10, 0, tzinfo=UTC))
