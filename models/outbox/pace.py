"""The shared send budget: every Kith process takes a slot here before it talks to Telegram.

Telegram allows about 30 messages a second overall and 1 a second per chat. Several
scheduler processes and the bot share one bot token, so the limit must hold across all of
them: each limit is one row (`scope`) holding the next free moment. Taking a slot is one
atomic upsert (`next_at = max(next_at, now) + interval`, returning the slot), so two
processes never get the same slot: a row lock on PostgreSQL, the single writer on SQLite.
Slots are spaced evenly; the overall limit lets a stalled sender catch up on the slots of
the last `catch_up` seconds (a burst of at most catch_up x rate, well inside the burst
Telegram tolerates), so no one-second window holds more than rate x (1 + catch_up). A 429
pushes the overall row forward, slowing every sender at once.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Float, String, bindparam, delete, func
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.expression import Executable

from models.core.base import Base
from models.core.db import core_table, is_postgres

OVERALL = "all"


class SendPace(Base):
    """The next free moment (seconds since the epoch) for one limit: overall or one chat."""

    __tablename__ = "send_pace"

    scope: Mapped[str] = mapped_column(String(40), primary_key=True)
    next_at: Mapped[float] = mapped_column(Float, nullable=False)


def chat_scope(chat_id: int) -> str:
    return f"chat:{chat_id}"


def _take_statement(dialect: str) -> Executable:
    """Built once per dialect, as Core over the table: this runs for every message sent,
    and building an ORM insert each time cost more than the database work (bench/chat.py)."""
    found = _TAKE.get(dialect)
    if found is not None:
        return found
    table = core_table(SendPace)
    interval = bindparam("interval", type_=Float)
    earliest = bindparam("earliest", type_=Float)
    first = bindparam("first", type_=Float)
    if dialect == "postgresql":
        pg = postgresql.insert(table).values(scope=bindparam("scope"), next_at=first)
        set_ = {"next_at": func.greatest(table.c.next_at, earliest) + interval}
        found = pg.on_conflict_do_update(index_elements=[table.c.scope], set_=set_)
    else:
        lite = sqlite.insert(table).values(scope=bindparam("scope"), next_at=first)
        set_ = {"next_at": func.max(table.c.next_at, earliest) + interval}
        found = lite.on_conflict_do_update(index_elements=[table.c.scope], set_=set_)
    found = found.returning(table.c.next_at)
    _TAKE[dialect] = found
    return found


_TAKE: dict[str, Executable] = {}


async def _take(
    session: AsyncSession, scope: str, now: float, interval: float, catch_up: float = 0.0
) -> float:
    # `catch_up`: slots left unused in the last `catch_up` seconds may still be taken, so a
    # sender that stalled a moment (a slow answer) catches up with a short burst instead of
    # losing that capacity for good; the burst is at most catch_up / interval messages.
    statement = _take_statement("postgresql" if is_postgres(session) else "sqlite")
    values = {
        "scope": scope,
        "first": now + interval,
        "earliest": now - catch_up,
        "interval": interval,
    }
    taken: float = (await session.execute(statement, values)).scalar_one()
    return float(taken) - interval


def _epoch(moment: datetime) -> float:
    return moment.timestamp()


def _moment(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


async def take_chat_slot(
    *, session: AsyncSession, now: datetime, chat_id: int, per_second: float
) -> datetime:
    """The moment this chat may next receive a message (now, or later), reserved for the caller."""
    return _moment(await _take(session, chat_scope(chat_id), _epoch(now), 1.0 / per_second))


async def take_overall_slot(
    *, session: AsyncSession, now: datetime, per_second: float, catch_up: float = 0.0
) -> datetime:
    """The moment the caller may send its next message within the overall limit, reserved."""
    slot = await _take(session, OVERALL, _epoch(now), 1.0 / per_second, catch_up)
    return _moment(max(slot, _epoch(now)))


async def take_slots(
    *,
    session: AsyncSession,
    now: datetime,
    chat_id: int,
    per_chat_per_second: float,
    per_second: float,
    catch_up: float = 0.0,
) -> tuple[datetime, datetime | None]:
    """This chat's slot and, when the chat is free now, an overall slot too (one round trip).

    When the chat's slot is later, no overall slot is taken (it would be wasted waiting):
    the caller takes it once the chat's turn has come.
    """
    chat_slot = await take_chat_slot(
        session=session, now=now, chat_id=chat_id, per_second=per_chat_per_second
    )
    if chat_slot > now:
        return chat_slot, None
    overall = await take_overall_slot(
        session=session, now=now, per_second=per_second, catch_up=catch_up
    )
    return chat_slot, overall


async def hold_back(*, session: AsyncSession, now: datetime, seconds: float) -> None:
    """Telegram said 429: nobody sends anything before `now + seconds`."""
    await _take(session, OVERALL, _epoch(now) + seconds, 0.0)


async def forget_old_chats(*, session: AsyncSession, now: datetime) -> int:
    """Per-chat rows past their moment hold nothing back: drop them (one a chat otherwise)."""
    cutoff = _epoch(now - timedelta(hours=1))
    result = await session.execute(
        delete(SendPace).where(SendPace.scope != OVERALL, SendPace.next_at < cutoff)
    )
    return int(getattr(result, "rowcount", 0) or 0)
