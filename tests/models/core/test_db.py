"""A PostgreSQL connection cut while idle in the pool is found and replaced before use.

Only idle connections are pinged (models/core/db.py): one in steady use has just proved itself.
"""

from __future__ import annotations

import asyncpg  # type: ignore[import-untyped]
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from models.core.db import make_engine


async def cut(postgres_url: str, pid: int) -> None:
    """The server ends this connection (as a restart or a network cut would)."""
    admin = await asyncpg.connect(postgres_url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        # Waits (up to 5 s) until the server process has really gone.
        assert await admin.fetchval("SELECT pg_terminate_backend($1, 5000)", pid)
    finally:
        await admin.close()


async def backend_pid(engine) -> int:  # type: ignore[no-untyped-def]
    async with engine.connect() as connection:
        return int((await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one())


async def test_a_connection_cut_while_idle_is_replaced_unseen(postgres_url: str) -> None:
    engine = make_engine(postgres_url, pool_size=1, ping_after_idle=0.0)
    try:
        before = await backend_pid(engine)
        await cut(postgres_url, before)
        after = await backend_pid(engine)  # no error: the ping found it and the pool replaced it
        assert after != before
    finally:
        await engine.dispose()


async def test_without_the_idle_ping_the_first_use_would_fail(postgres_url: str) -> None:
    """What the ping saves us from (a connection in steady use is not pinged)."""
    engine = make_engine(postgres_url, pool_size=1, ping_after_idle=3600.0)
    try:
        await cut(postgres_url, await backend_pid(engine))
        with pytest.raises(DBAPIError):
            await backend_pid(engine)
        await backend_pid(engine)  # and the pool recovers on the next use
    finally:
        await engine.dispose()
