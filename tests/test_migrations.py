"""Migrations: upgrading an empty database gives exactly the models' schema; downgrade works."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from kith import migrate
from models import Base
from tests import databases


def _differences(sync_connection) -> list:
    context = MigrationContext.configure(sync_connection, opts={"compare_type": True})
    return compare_metadata(context, Base.metadata)


def _tables(sync_connection) -> set[str]:
    return set(inspect(sync_connection).get_table_names())


async def _fresh_url(backend: str, tmp_path: Path) -> str:
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'migrated.db'}"
    reason = await databases.postgres_unreachable_reason()
    if reason:
        from tests.conftest import IN_CI

        if IN_CI:
            pytest.fail(reason)
        pytest.skip(reason)
    return await databases.create_pg_database("kith_migr")


def _in_thread(fn, *args):
    # Alembic's env runs its own event loop: keep it off the test's loop.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args).result()


async def test_upgrade_gives_the_models_schema_and_downgrade_empties_it(backend, tmp_path):
    url = await _fresh_url(backend, tmp_path)
    try:
        _in_thread(migrate.upgrade, url)
        engine = databases.new_engine(url)
        async with engine.connect() as connection:
            assert await connection.run_sync(_differences) == []
            assert await connection.run_sync(_tables) >= set(Base.metadata.tables)
        await engine.dispose()

        _in_thread(migrate.downgrade, url)
        engine = databases.new_engine(url)
        async with engine.connect() as connection:
            assert await connection.run_sync(_tables) <= {"alembic_version"}
        await engine.dispose()
    finally:
        if backend == "postgres":
            await databases.drop_pg_database(url)


def test_no_event_loop_leaks():
    # The migration helpers are plain functions: they must not need a running loop.
    assert not asyncio.iscoroutinefunction(migrate.upgrade)
