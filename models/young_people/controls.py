"""The young person's own controls: /stop, /start again, /pause, and a blocked bot.

/stop stops every message at once (pending ones in the outbox are cancelled) and tells the
coordinator; the case record stays. Blocking the bot marks them unreachable the same way.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from models.core.enums import NudgeKind, OutboxState
from models.nudges.raising import raise_nudge
from models.outbox.message import OutboundMessage
from models.young_people.young_person import YoungPerson

PAUSE_WEEKS = (1, 2, 4)


async def _stand_down(
    session: AsyncSession,
    now: datetime,
    young_person: YoungPerson,
    kind: NudgeKind,
    why: str | None,
) -> None:
    """Nothing queued for them goes out, and their coordinator hears of it."""
    await session.execute(
        update(OutboundMessage)
        .where(
            OutboundMessage.young_person_id == young_person.id,
            OutboundMessage.state == OutboxState.pending,
        )
        .values(state=OutboxState.cancelled, lease_until=None, error=why)
    )
    await raise_nudge(session=session, now=now, kind=kind, young_person=young_person)
    await session.flush()


async def stop_messages(*, session: AsyncSession, now: datetime, young_person: YoungPerson) -> None:
    """No more messages from Kith, from this moment; the coordinator is told."""
    if young_person.messages_stopped_at is None:
        young_person.messages_stopped_at = now
    await _stand_down(session, now, young_person, NudgeKind.stopped, None)


def restart_messages(*, young_person: YoungPerson) -> bool:
    """/start after /stop: messages may flow again. True when they had stopped."""
    was_stopped = young_person.messages_stopped_at is not None
    young_person.messages_stopped_at = None
    young_person.unreachable_at = None
    return was_stopped


def pause_checkins(*, now: datetime, young_person: YoungPerson, weeks: int) -> datetime:
    """No check-ins until the returned moment (1, 2 or 4 weeks)."""
    if weeks not in PAUSE_WEEKS:
        raise ValueError(f"a pause is {', '.join(map(str, PAUSE_WEEKS))} weeks")
    young_person.paused_until = now + timedelta(weeks=weeks)
    return young_person.paused_until


def is_paused(*, now: datetime, young_person: YoungPerson) -> bool:
    return young_person.paused_until is not None and young_person.paused_until > now


async def mark_unreachable(
    *, session: AsyncSession, now: datetime, young_person: YoungPerson
) -> None:
    """They blocked the bot: nothing more is sent, and the coordinator hears of it."""
    if young_person.unreachable_at is None:
        young_person.unreachable_at = now
    await _stand_down(session, now, young_person, NudgeKind.unreachable, "young person unreachable")


def mark_reachable(*, young_person: YoungPerson) -> None:
    young_person.unreachable_at = None
