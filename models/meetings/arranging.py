"""Meetings along the journey: planning, the family group conference, reviews; and the plan.

Arranging or moving a planning meeting or conference sets the young person's reminder of
it for the day before (models.reminders.meeting_eve).

Holding the planning meeting moves an allocated referral to `planning`; holding the
conference moves it to `sustaining` and creates the check-ins (models.meetings.conference).
A meeting is held once: holding it twice would schedule the check-ins twice.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models.checkins.checkin import CheckIn
from models.core.db import add_now
from models.core.enums import ActorKind, CommitmentWho, Frequency, MeetingKind, ReferralStatus
from models.meetings.conference import record_conference_held
from models.meetings.meeting import Commitment, Meeting
from models.network.connection import Connection
from models.referrals.journey import OPEN_STATES, move_referral
from models.referrals.referral import Referral
from models.reminders.meeting_eve import remind_of_meeting
from models.young_people.consent import NEEDED_FOR_MOVE, require_consents
from models.young_people.young_person import YoungPerson, about_young_person


class MeetingStateError(Exception):
    pass


class CommitmentError(ValueError):
    pass


async def schedule_meeting(
    *,
    session: AsyncSession,
    now: datetime,
    young_person: YoungPerson,
    kind: MeetingKind,
    scheduled_at: datetime,
    attendees: str | None = None,
    notes: str | None = None,
) -> Meeting:
    meeting = Meeting(
        **about_young_person(young_person),
        kind=kind,
        scheduled_at=scheduled_at,
        attendees=attendees,
        notes=notes,
        created_at=now,
    )
    await add_now(session, meeting)
    await remind_of_meeting(session=session, now=now, young_person=young_person, meeting=meeting)
    return meeting


async def reschedule_meeting(
    *, session: AsyncSession, now: datetime, meeting: Meeting, scheduled_at: datetime
) -> None:
    """Move a meeting not yet held or cancelled; its reminder moves with it."""
    if meeting.held_at is not None or meeting.cancelled_at is not None:
        raise MeetingStateError("a meeting already held or cancelled cannot be moved")
    meeting.scheduled_at = scheduled_at
    young_person = await session.get_one(YoungPerson, meeting.young_person_id)
    await remind_of_meeting(session=session, now=now, young_person=young_person, meeting=meeting)


async def open_referral(session: AsyncSession, young_person_id: int) -> Referral | None:
    return await session.scalar(
        select(Referral)
        .where(Referral.young_person_id == young_person_id, Referral.status.in_(OPEN_STATES))
        .order_by(Referral.id.desc())
        .limit(1)
    )


async def hold_meeting(
    *,
    session: AsyncSession,
    now: datetime,
    meeting: Meeting,
    by_user_id: int,
    held_at: datetime | None = None,
    attendees: str | None = None,
) -> list[CheckIn]:
    """Record the meeting as held; returns the check-ins a conference creates."""
    if meeting.held_at is not None:
        raise MeetingStateError(f"this {meeting.kind.value} meeting was already held")
    if meeting.cancelled_at is not None:
        raise MeetingStateError(f"this {meeting.kind.value} meeting was cancelled")
    if held_at is not None and held_at > now:
        raise MeetingStateError("a meeting cannot be held in the future")
    if attendees is not None:
        meeting.attendees = attendees
    referral = await open_referral(session, meeting.young_person_id)
    if meeting.kind == MeetingKind.conference:
        status = referral.status if referral else None
        if status != ReferralStatus.conference_planned:
            where = status.value if status else "no open referral"
            raise MeetingStateError(
                f"the referral is '{where}', not 'conference_planned': plan the conference first"
            )
        return await record_conference_held(
            session=session, now=now, conference=meeting, held_at=held_at, by_user_id=by_user_id
        )
    meeting.held_at = held_at or now
    planning_held = meeting.kind == MeetingKind.planning and referral is not None
    if planning_held and referral is not None and referral.status == ReferralStatus.allocated:
        young_person = await session.get_one(YoungPerson, meeting.young_person_id)
        await require_consents(
            session=session,
            now=now,
            young_person=young_person,
            kinds=NEEDED_FOR_MOVE[ReferralStatus.planning],
            purpose="holding the planning meeting",
        )
        await move_referral(
            session=session,
            referral=referral,
            to=ReferralStatus.planning,
            now=now,
            by_kind=ActorKind.user,
            by_user_id=by_user_id,
            reason="initial planning meeting held",
        )
    await session.flush()
    return []


def cancel_meeting(*, meeting: Meeting, now: datetime) -> None:
    if meeting.held_at is not None:
        raise MeetingStateError("a meeting that was held cannot be cancelled")
    if meeting.cancelled_at is None:
        meeting.cancelled_at = now


async def add_commitment(
    *,
    session: AsyncSession,
    now: datetime,
    meeting: Meeting,
    who: CommitmentWho,
    what: str,
    frequency: Frequency,
    connection_id: int | None = None,
    until: date | None = None,
) -> Commitment:
    if meeting.kind != MeetingKind.conference:
        raise CommitmentError("commitments belong to a conference plan")
    if (who == CommitmentWho.connection) != (connection_id is not None):
        raise CommitmentError("give connection_id exactly when who is 'connection'")
    if connection_id is not None:
        connection = await session.get(Connection, connection_id)
        if connection is None or connection.young_person_id != meeting.young_person_id:
            raise CommitmentError(
                f"connection {connection_id} is not in this young person's network"
            )
    if not what.strip():
        raise CommitmentError("a commitment needs to say what will happen")
    commitment = Commitment(
        organisation_id=meeting.organisation_id,
        meeting_id=meeting.id,
        young_person_id=meeting.young_person_id,
        who=who,
        connection_id=connection_id,
        what=what.strip(),
        frequency=frequency,
        until=until,
        created_at=now,
    )
    return await add_now(session, commitment)
