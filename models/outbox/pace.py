"""The shared send budget: every Kith process takes its turn here at the moment it sends.

Telegram allows about 30 messages a second overall and 1 a second per chat. Several
scheduler processes and the bot share one bot token, so the limits are rows in the database,
taken in the same short transaction that sends (models/outbox/last_look.py), never reserved
ahead:
- overall: `send_slot` holds one row per message allowed in a window (30 for 30 a second),
  each with when it was last taken (`used_at`) and when Telegram answered the message sent
  with it (`answered_at`). A send takes a slot answered a full window ago (SKIP LOCKED: two
  processes never take the same one). Telegram sees a message between its take and its
  answer, so two messages of one slot reach Telegram at least a window apart however long
  each request took on the way (a loaded machine, a slow network): no one-second window at
  Telegram's end ever holds more than `slots` of them, whoever sent them, and nothing is
  saved up for a burst. Takes are also kept `gap` apart (0.5 / rate) so a window's sends
  spread over it instead of leaving at once (no start-up burst); a late sender can catch up
  at twice the rate, within the window. A sender that dies before the answer leaves the take
  as the slot's answer: only then can a late request narrow the window.
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

from sqlalchemy import ColumnElement, Float, Integer, String, delete, func, select, text, update
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
    answered_at: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)


def chat_scope_prefix() -> str:
    return "chat:"


def chat_scope(chat_id: int) -> str:
    return f"{chat_scope_prefix()}{chat_id}"


@dataclass(frozen=True)
class Pace:
    """Telegram's limits as Kith holds them, with margins for clock and network jitter."""

    per_second: float = 30.0
    per_chat_per_second: float = 1.0
    # The window runs from Telegram's answer, which comes after Telegram saw the message, so
    # it needs no margin for the way there; this one covers clock steps between hosts.
    window_margin: float = 0.005
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
class Turn:
    """An overall slot taken at `at` (wall seconds): `answered` starts its next window."""

    slot: int
    at: float


@dataclass(frozen=True)
class Wait:
    """Not now: try again in `seconds` (why: "paused", "chat", or "slots")."""

    seconds: float
    why: str


_TAKE_SLOT = """
UPDATE send_slot SET used_at = :now, answered_at = :now
WHERE slot = (
    SELECT slot FROM send_slot WHERE slot < :slots AND answered_at <= :free_before
    ORDER BY answered_at, slot LIMIT 1 {lock}
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
    rows = [{"slot": n, "used_at": 0.0, "answered_at": 0.0} for n in range(pace.slots)]
    dialect = postgresql if is_postgres(session) else sqlite
    insert = dialect.insert(table).values(rows).on_conflict_do_nothing(index_elements=["slot"])
    await session.execute(insert)


async def _overall_wait(session: AsyncSession, now: float, pace: Pace) -> Wait:
    count, oldest, newest = (
        await session.execute(
            select(func.count(), func.min(SendSlot.answered_at), func.max(SendSlot.used_at)).where(
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
) -> Turn | Wait:
    """Take this chat's turn and an overall slot for a send at `now`, or say how long to wait.

    Call `waiting_for` first (the pause and the chat, read before any write). A Turn: taken;
    commit, send now, and once Telegram has answered, record it with `answered`. A Wait: roll
    the transaction back (it may hold a slot) and try again after it. A chat taken by someone
    else meanwhile (the bot replying) loses the race here, inside the transaction, never after
    it.
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


async def take_slot(*, session: AsyncSession, now: float, pace: Pace) -> Turn | Wait:
    """An overall slot at `now`, or how long until one is free."""
    values = {
        "now": now,
        "slots": pace.slots,
        "free_before": now - pace.window,
        "spaced_before": now - pace.gap,
    }
    taken = (await session.execute(_TAKE[_dialect(session)], values)).scalar_one_or_none()
    if taken is None:
        return await _overall_wait(session, now, pace)
    return Turn(slot=int(taken), at=now)


async def answered(*, session: AsyncSession, turn: Turn, at: float) -> None:
    """Telegram answered the message sent with `turn` at `at`: its slot's next window starts
    there (unless someone took the slot since, after a request slower than a window)."""
    await session.execute(
        update(SendSlot)
        .where(SendSlot.slot == turn.slot, SendSlot.used_at == turn.at, SendSlot.answered_at < at)
        .values(answered_at=at)
        .execution_options(synchronize_session=False)
    )


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
