"""The shared send budget: every Kith process takes its turn here at the moment it sends.

Telegram allows about 30 messages a second overall and 1 a second per chat. Several
scheduler processes and the bot share one bot token, so the limits are rows in the database,
taken in the same short transaction that sends (models/outbox/last_look.py), never reserved
ahead:
- overall: `send_slot` holds one row per message allowed in a window (30 for 30 a second),
  each with when it was last used. A send takes a slot last used a full window ago (SKIP
  LOCKED: two processes never take the same one), so no window of `window` seconds ever holds
  more than `slots` sends, whoever sent them, and nothing is saved up for a burst. Sends are
  also kept `gap` apart (0.5 / rate) so a window's sends spread over it instead of leaving at
  once (no start-up burst); a late sender can catch up at twice the rate, within the window.
- per chat: `send_pace` row `chat:<id>` holds when that chat may next receive a message;
  taking it is a conditional upsert (only if that moment has come).
- a 429: `send_pace` row `pause` holds when Telegram lets anyone send again; every sender
  checks it before each send.
Times are seconds since the epoch of the senders' wall clocks (NTP-synced hosts; skew is
added to the margins).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Float, Integer, String, delete, func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.expression import Executable

from models.core.base import Base
from models.core.db import core_table, is_postgres

PAUSE = "pause"


class SendPace(Base):
    """When one limit next allows a message (seconds since the epoch): a chat, or the pause."""

    __tablename__ = "send_pace"

    scope: Mapped[str] = mapped_column(String(40), primary_key=True)
    next_at: Mapped[float] = mapped_column(Float, nullable=False)


class SendSlot(Base):
    """One of the overall limit's slots: a message may use it once a window."""

    __tablename__ = "send_slot"

    slot: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    used_at: Mapped[float] = mapped_column(Float, nullable=False)


def chat_scope_prefix() -> str:
    return "chat:"


def chat_scope(chat_id: int) -> str:
    return f"{chat_scope_prefix()}{chat_id}"


@dataclass(frozen=True)
class Pace:
    """Telegram's limits as Kith holds them, with margins for clock and network jitter."""

    per_second: float = 30.0
    per_chat_per_second: float = 1.0
    # The window is stretched by this share, so up to 30 ms of jitter between taking a slot
    # and Telegram seeing the message never puts more than `slots` in one second (at most
    # 29.1 a second at 30).
    window_margin: float = 0.03
    # A chat's messages are kept this share more than 1 / per_chat_per_second apart (1.1 s).
    chat_margin: float = 0.1

    @property
    def slots(self) -> int:
        return max(1, math.floor(self.per_second))

    @property
    def window(self) -> float:
        return self.slots / self.per_second * (1 + self.window_margin)

    @property
    def gap(self) -> float:
        return 0.5 / self.per_second

    @property
    def chat_gap(self) -> float:
        return (1.0 + self.chat_margin) / self.per_chat_per_second


@dataclass(frozen=True)
class Wait:
    """Not now: try again in `seconds` (why: "paused", "chat", or "slots")."""

    seconds: float
    why: str


_TAKE_SLOT = """
UPDATE send_slot SET used_at = :now
WHERE slot = (
    SELECT slot FROM send_slot WHERE slot < :slots AND used_at <= :free_before
    ORDER BY used_at, slot LIMIT 1 {lock}
)
AND (SELECT max(used_at) FROM send_slot WHERE slot < :slots) <= :spaced_before
RETURNING slot
"""
_TAKE = {
    "postgresql": text(_TAKE_SLOT.format(lock="FOR UPDATE SKIP LOCKED")),
    "sqlite": text(_TAKE_SLOT.format(lock="")),
}


def _dialect(session: AsyncSession) -> str:
    return "postgresql" if is_postgres(session) else "sqlite"


async def ensure_slots(*, session: AsyncSession, pace: Pace) -> None:
    """The overall limit's slot rows exist (made once, by whoever needs them first)."""
    table = core_table(SendSlot)
    rows = [{"slot": n, "used_at": 0.0} for n in range(pace.slots)]
    dialect = postgresql if is_postgres(session) else sqlite
    insert = dialect.insert(table).values(rows).on_conflict_do_nothing(index_elements=["slot"])
    await session.execute(insert)


async def _overall_wait(session: AsyncSession, now: float, pace: Pace) -> Wait:
    count, oldest, newest = (
        await session.execute(
            select(func.count(), func.min(SendSlot.used_at), func.max(SendSlot.used_at)).where(
                SendSlot.slot < pace.slots
            )
        )
    ).one()
    if count < pace.slots:
        await ensure_slots(session=session, pace=pace)
        return Wait(0.0, "slots")
    wait = max(oldest + pace.window - now, newest + pace.gap - now, 0.001)
    return Wait(wait, "slots")


async def waiting_for(*, session: AsyncSession, now: float, chat_id: int | None) -> Wait | None:
    """Read-only: whether a 429 pause or this chat's last message holds a send back now."""
    scopes = [PAUSE] if chat_id is None else [PAUSE, chat_scope(chat_id)]
    rows = await session.execute(
        select(SendPace.scope, SendPace.next_at).where(SendPace.scope.in_(scopes))
    )
    for scope, next_at in rows.all():
        if next_at > now:
            return Wait(next_at - now, "paused" if scope == PAUSE else "chat")
    return None


async def take_turn(
    *, session: AsyncSession, now: float, chat_id: int | None, pace: Pace
) -> Wait | None:
    """Take this chat's turn and an overall slot for a send at `now`, or say how long to wait.

    Call `waiting_for` first (the pause and the chat, read before any write). None: taken;
    send now and commit. A Wait: roll the transaction back (it may hold a slot) and try again
    after it. A chat taken by someone else meanwhile (the bot replying) loses the race here,
    inside the transaction, never after it.
    """
    if chat_id is not None and not await take_chat(
        session=session, now=now, chat_id=chat_id, pace=pace
    ):
        return Wait(pace.chat_gap, "chat")
    return await take_slot(session=session, now=now, pace=pace)


async def take_chat(*, session: AsyncSession, now: float, chat_id: int, pace: Pace) -> bool:
    """This chat's turn, if its last message was long enough ago (atomic)."""
    statement = _set_if(session, chat_scope(chat_id), now + pace.chat_gap, SendPace.next_at <= now)
    return (await session.execute(statement)).scalar_one_or_none() is not None


async def take_slot(*, session: AsyncSession, now: float, pace: Pace) -> Wait | None:
    """An overall slot at `now` (None), or how long until one is free."""
    values = {
        "now": now,
        "slots": pace.slots,
        "free_before": now - pace.window,
        "spaced_before": now - pace.gap,
    }
    taken = (await session.execute(_TAKE[_dialect(session)], values)).scalar_one_or_none()
    if taken is None:
        return await _overall_wait(session, now, pace)
    return None


def _set_if(
    session: AsyncSession, scope: str, next_at: float, when: ColumnElement[bool]
) -> Executable:
    """Upsert one pace row to `next_at`, an existing one only `when` (atomic either way)."""
    table = core_table(SendPace)
    dialect = postgresql if is_postgres(session) else sqlite
    insert = dialect.insert(table).values(scope=scope, next_at=next_at)
    statement: Executable = insert.on_conflict_do_update(
        index_elements=["scope"], set_={"next_at": insert.excluded.next_at}, where=when
    ).returning(table.c.scope)
    return statement


async def hold_back(*, session: AsyncSession, now: float, seconds: float) -> None:
    """Telegram said 429: nobody sends anything before `now + seconds`."""
    until = now + seconds
    await session.execute(_set_if(session, PAUSE, until, SendPace.next_at < until))


async def paused_until(*, session: AsyncSession) -> float:
    """When the last 429's pause ends (0 if there never was one)."""
    until = await session.scalar(select(SendPace.next_at).where(SendPace.scope == PAUSE))
    return float(until or 0.0)


async def forget_old_chats(*, session: AsyncSession, now: float) -> int:
    """Per-chat rows past their moment hold nothing back: drop them (one a chat otherwise)."""
    result = await session.execute(
        delete(SendPace).where(
            SendPace.scope.startswith(chat_scope_prefix()), SendPace.next_at < now - 3600
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)
