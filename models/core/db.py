"""The async engine and session factory; SQLite in WAL mode with foreign keys on."""

from __future__ import annotations

import time
from typing import Any, TypeVar, cast

from sqlalchemy import Table, event, exc, text
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

SQLITE_BUSY_TIMEOUT_MS = 10_000
Row = TypeVar("Row")


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


# A pooled PostgreSQL connection idle this long is checked before use (a server restart or
# a dropped connection is found then, not by the request or update that uses it).
PING_AFTER_IDLE_SECONDS = 30.0


def make_engine(
    url: str,
    *,
    echo: bool = False,
    pool_size: int = 10,
    ping_after_idle: float = PING_AFTER_IDLE_SECONDS,
) -> AsyncEngine:
    """An engine for `url`; SQLite gets its pragmas on every new connection."""
    if url.startswith("sqlite"):
        engine = create_async_engine(url, echo=echo)
        event.listen(engine.sync_engine, "connect", _on_sqlite_connect)
        return engine
    engine = create_async_engine(url, echo=echo, pool_size=pool_size, max_overflow=pool_size)
    _ping_when_idle(engine, ping_after_idle)
    return engine


def _ping_when_idle(engine: AsyncEngine, seconds: float) -> None:
    """Like `pool_pre_ping`, but only for a connection that sat idle in the pool.

    `pool_pre_ping` costs a round trip on every checkout: four or five for each update the
    bot handles (bench/chat.py). A connection in steady use has just proved itself; one
    that waited in the pool may have been cut (a server restart): that one is pinged, and
    if the ping fails the pool replaces it before anyone uses it.
    """
    dialect = engine.sync_engine.dialect

    def on_checkin(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    def on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < seconds:
            return
        try:
            dialect.do_ping(dbapi_connection)
        except Exception as error:
            raise exc.DisconnectionError("idle connection failed its ping") from error

    event.listen(engine.sync_engine, "checkin", on_checkin)
    event.listen(engine.sync_engine, "checkout", on_checkout)


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def is_postgres(session_or_engine: AsyncSession | AsyncEngine) -> bool:
    if isinstance(session_or_engine, AsyncSession):
        return session_or_engine.get_bind().dialect.name == "postgresql"
    return session_or_engine.dialect.name == "postgresql"


async def without_waiting_for_disk(session: AsyncSession) -> None:
    """PostgreSQL: this transaction's commit does not wait for its WAL to reach the disk.

    Only for bookkeeping: the bot's conversation state and update claims, and send slots
    (models/outbox/pace.py). A database crash can lose the last moments of it (a young person is
    asked the same question again; a few sends come closer together than the pace), never an
    effect: any later durable commit (a person saved) flushes the WAL before it, in order.
    It saves a disk flush on every update and every send (bench/chat.py). SQLite in WAL mode
    with synchronous=NORMAL already works this way.
    """
    if is_postgres(session):
        await session.execute(text("SET LOCAL synchronous_commit TO OFF"))


def core_table(entity: type[Any]) -> Table:
    """A mapped class's Table, for Core statements built once and run very often."""
    return cast(Table, entity.__table__)


async def add_now(session: AsyncSession, row: Row) -> Row:
    """Add `row` and write it now, so it has its id (the caller's transaction still decides
    whether it stays)."""
    session.add(row)
    await session.flush()
    return row
