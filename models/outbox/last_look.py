"""The last look before a message leaves: one short transaction, committed just before sending.

In it: the young person may still be written to now (not stopped, paused, blocked, consent
withdrawn, quiet hours: `reachability`); no 429 pause holds every sender back; this chat's
turn and an overall slot are free and taken (`pace`); and the row is still pending and
leased to this sender, which marks it as being sent (`sending_at`) and counts the attempt.
Whatever changed since the claim (a /stop, a 403 that cancelled the chat's other rows, a
lease lost) is seen here, so it is never sent. Reads come before the first write: on SQLite a
transaction that reads and then writes can meet another writer's snapshot.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, update
from sqlalchemy.ext.asyncio import AsyncSession

from models.outbox.claiming import held_by
from models.outbox.message import OutboundMessage
from models.outbox.pace import Pace, Turn, Wait, take_chat, take_slot, waiting_for
from models.outbox.reachability import why_held

# A slot that frees within this is waited for inside the transaction (on SQLite the write
# lock is held that long: other writers wait, briefly).
HOLD_FOR_SLOT = 0.05


@dataclass(frozen=True)
class Go:
    """Sending now: the transaction holds the slot, the chat's turn and the attempt; once
    Telegram has answered, `pace.answered(turn)` starts the slot's next window."""

    turn: Turn


@dataclass(frozen=True)
class Dropped:
    """Not sent, and not to be retried by this sender: `label` says why, for the job log."""

    label: str


Verdict = Go | Wait | Dropped


async def last_look(
    *,
    session: AsyncSession,
    now: datetime,
    wall: Callable[[], float],
    message: OutboundMessage,
    worker: str,
    pace: Pace,
    lease: timedelta,
) -> Verdict:
    """Decide, inside the caller's transaction, whether `message` goes now (`wall`: the send
    pace's clock, seconds since the epoch).

    Go: commit, then send at once. Wait: roll back (the attempt is not counted, no slot is
    kept), try again after `seconds`. Dropped: commit (a cancel or a quiet-hours hold may have
    been written).
    """
    held_back = await waiting_for(session=session, now=wall(), chat_id=message.chat_id)
    if held_back is not None and held_back.why == "paused":
        return held_back
    label = await why_held(session=session, now=now, message=message, worker=worker)
    if label is not None:
        return Dropped(label)
    if held_back is not None:
        return held_back
    marked = await session.execute(
        update(OutboundMessage)
        .where(held_by(message.id, worker), OutboundMessage.lease_until > now)
        .values(
            sending_at=now,
            attempts=OutboundMessage.attempts + 1,
            lease_until=now + lease,
            # A send still marked here was never answered: its fate is unknown.
            uncertain_sends=OutboundMessage.uncertain_sends
            + case((OutboundMessage.sending_at.is_not(None), 1), else_=0),
        )
        .returning(OutboundMessage.attempts)
        .execution_options(synchronize_session=False)
    )
    attempts = marked.scalar_one_or_none()
    if attempts is None:
        return Dropped("lease_lost")
    if not await take_chat(session=session, now=wall(), chat_id=message.chat_id, pace=pace):
        return Wait(pace.chat_gap, "chat")
    # The slot last, stamped with the moment it is taken, the closest to the send itself; a
    # slot freeing within a moment is waited for here, so the rate is not lost to a retry.
    while isinstance(slot := await take_slot(session=session, now=wall(), pace=pace), Wait):
        if slot.seconds > HOLD_FOR_SLOT:
            return slot
        await asyncio.sleep(slot.seconds)
    message.attempts = attempts
    return Go(turn=slot)
