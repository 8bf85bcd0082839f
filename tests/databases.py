"""Test databases: a fresh SQLite file per test; one PostgreSQL database per run, emptied."""

from __future__ import annotations

import asyncio
import os
import uuid

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from models import Base
from models.core.db import make_engine

PG_ADMIN_DSN = os.environ.get("KITH_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_URL_TEMPLATE = PG_ADMIN_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")


async def postgres_unreachable_reason() -> str | None:
    try:
        connection = await asyncio.wait_for(asyncpg.connect(PG_ADMIN_DSN), timeout=5)
    except Exception as exc:
        return f"PostgreSQL not reachable at {PG_ADMIN_DSN}: {exc!r}"
    await connection.close()
    return None


async def create_pg_database(prefix: str = "kith_test") -> str:
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    connection = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return f"{PG_URL_TEMPLATE}/{name}"


async def drop_pg_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    connection = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


async def create_schema(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)


async def empty_all_tables(engine: AsyncEngine) -> None:
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    async with engine.begin() as connection:
        await connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


def new_engine(url: str) -> AsyncEngine:
    return make_engine(url, pool_size=5)
