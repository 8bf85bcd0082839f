"""Check-ins after the conference: sent when due, gently reminded once, then missed and nudged.

A check-in that fell due while Kith was down is sent once on restart if it is still within
the grace period, otherwise it is marked missed (and the coordinator nudged): a young person
never gets a pile of stale check-ins at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.checkins.answers import checkin_buttons
from models.checkins.checkin import CheckIn
from models.core.enums import CheckInState, NudgeKind
from models.nudges.raising import raise_nudge
from models.outbox.addressing import addressed_to
from models.outbox.reachability import NO_CHAT, why_not_message
from models.outbox.sending import enqueue_message
from models.staff.organisation import Organisation
from models.young_people.young_person import YoungPerson
from texts.unasked import checkin_reminder_text, checkin_text

BATCH = 500
NO_CHAT_NUDGE = "not sent, no Telegram chat is linked: invite them to the chat"


@dataclass
class RoundCounts:
    sent: int = 0
    reminded: int = 0
    missed: int = 0
    cancelled: int = 0


def _not_paused(now: datetime) -> ColumnElement[bool]:
    return or_(YoungPerson.paused_until.is_(None), YoungPerson.paused_until <= now)


async def _claim(
    session: AsyncSession, *conditions: ColumnElement[bool]
) -> list[tuple[CheckIn, YoungPerson]]:
    rows = await session.execute(
        select(CheckIn, YoungPerson)
        .join(YoungPerson, YoungPerson.id == CheckIn.young_person_id)
        .where(*conditions)
        .order_by(CheckIn.due_at, CheckIn.id)
        .limit(BATCH)
        .with_for_update(of=CheckIn, skip_locked=True)
    )
    return [(checkin, person) for checkin, person in rows.all()]


async def _tell_coordinator(
    session: AsyncSession, now: datetime, checkin: CheckIn, person: YoungPerson, why: str
) -> None:
    await raise_nudge(
        session=session,
        now=now,
        kind=NudgeKind.checkin_missed,
        young_person=person,
        detail=f"{checkin.label} check-in (due {checkin.due_at:%d %b %Y}): {why}",
    )


async def _queue(
    session: AsyncSession,
    now: datetime,
    checkin: CheckIn,
    person: YoungPerson,
    body: str,
    *,
    reminder: bool = False,
) -> None:
    """The check-in's question (or its one reminder) with its answer buttons, queued once."""
    await enqueue_message(
        session=session,
        **addressed_to(person),
        kind="checkin_reminder" if reminder else "checkin",
        body=body,
        reply_markup=checkin_buttons(checkin.id, person.language),
        now=now,
        dedupe_key=f"checkin:{checkin.id}:{'reminder' if reminder else 'ask'}",
    )


async def _mark_missed(
    session: AsyncSession, now: datetime, checkin: CheckIn, person: YoungPerson, why: str
) -> None:
    checkin.state = CheckInState.missed
    await _tell_coordinator(session, now, checkin, person, why)


async def find_due_checkins(
    *, session: AsyncSession, now: datetime
) -> list[tuple[CheckIn, YoungPerson]]:
    """Due check-ins (not for a paused young person), locked for this transaction alone."""
    return await _claim(
        session,
        CheckIn.state == CheckInState.scheduled,
        CheckIn.due_at <= now,
        _not_paused(now),
    )


async def send_due_checkins(
    *, session: AsyncSession, now: datetime, grace: timedelta
) -> RoundCounts:
    """Put every due check-in in the outbox (once), or mark it missed when too late."""
    counts = RoundCounts()
    for checkin, person in await find_due_checkins(session=session, now=now):
        why = await why_not_message(session=session, person=person, now=now, kind="checkin")
        if why is not None:
            checkin.state = CheckInState.cancelled
            counts.cancelled += 1
            if why == NO_CHAT:
                # Not dropped in silence: the coordinator hears (one open nudge, not one each).
                await _tell_coordinator(session, now, checkin, person, NO_CHAT_NUDGE)
            continue
        if now - checkin.due_at > grace:
            await _mark_missed(session, now, checkin, person, "fell due while Kith was down")
            counts.missed += 1
            continue
        body = checkin_text(person.language, person.preferred_name, checkin.label)
        await _queue(session, now, checkin, person, body)
        checkin.state = CheckInState.sent
        checkin.sent_at = now
        counts.sent += 1
    await session.flush()
    return counts


async def follow_up_checkins(*, session: AsyncSession, now: datetime) -> RoundCounts:
    """One gentle reminder after the organisation's hours; missed, with a nudge, after its days."""
    counts = RoundCounts()
    sent = await _claim(session, CheckIn.state == CheckInState.sent, CheckIn.sent_at.is_not(None))
    organisations: dict[int, Organisation] = {}
    for checkin, person in sent:
        org = organisations.get(person.organisation_id)
        if org is None:
            org = await session.get_one(Organisation, person.organisation_id)
            organisations[org.id] = org
        assert checkin.sent_at is not None
        waited = now - checkin.sent_at
        if waited >= timedelta(days=org.checkin_missed_days):
            await _mark_missed(session, now, checkin, person, "no answer")
            counts.missed += 1
            continue
        if checkin.reminded_at is not None or waited < timedelta(hours=org.checkin_reminder_hours):
            continue
        checkin.reminded_at = now
        why = await why_not_message(
            session=session, person=person, now=now, kind="checkin_reminder"
        )
        if why is not None or person.telegram_chat_id is None:
            continue
        body = checkin_reminder_text(person.language, person.preferred_name)
        await _queue(session, now, checkin, person, body, reminder=True)
        counts.reminded += 1
    await session.flush()
    return counts
