"""Holding the family group conference: the plan starts, and so does the check-in schedule."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models.checkins.cadence import parse_cadence
from models.checkins.checkin import CheckIn
from models.core.enums import ActorKind, CheckInState, MeetingKind, ReferralStatus
from models.core.quiet_hours import at_local_hour
from models.meetings.meeting import Meeting
from models.outbox.reachability import quiet_until
from models.referrals.journey import move_referral
from models.referrals.referral import Referral
from models.staff.organisation import Organisation
from models.young_people.young_person import YoungPerson


class NotAConferenceError(ValueError):
    pass


def checkin_moment(
    base: datetime, *, young_person: YoungPerson, organisation: Organisation
) -> datetime:
    """The young person's preferred hour on the day `base` falls, moved out of quiet hours."""
    at_hour = at_local_hour(base, tz=young_person.timezone, hour=young_person.preferred_hour)
    return quiet_until(young_person, organisation, at_hour)


async def schedule_checkins(
    *,
    session: AsyncSession,
    now: datetime,
    organisation: Organisation,
    young_person: YoungPerson,
    conference: Meeting,
) -> list[CheckIn]:
    """Create the check-ins at the organisation's cadence after `conference` was held."""
    held = conference.held_at or now
    checkins = [
        CheckIn(
            organisation_id=organisation.id,
            young_person_id=young_person.id,
            meeting_id=conference.id,
            label=offset.label,
            due_at=checkin_moment(
                offset.after(held), young_person=young_person, organisation=organisation
            ),
            state=CheckInState.scheduled,
            created_at=now,
        )
        for offset in parse_cadence(organisation.checkin_cadence)
    ]
    session.add_all(checkins)
    await session.flush()
    return checkins


async def record_conference_held(
    *,
    session: AsyncSession,
    now: datetime,
    conference: Meeting,
    held_at: datetime | None = None,
    by_user_id: int | None = None,
) -> list[CheckIn]:
    """Mark the conference held, move the referral to sustaining, and schedule check-ins."""
    if conference.kind != MeetingKind.conference:
        raise NotAConferenceError(
            f"meeting {conference.id} is a {conference.kind.value}, not a conference"
        )
    organisation = await session.get_one(Organisation, conference.organisation_id)
    young_person = await session.get_one(YoungPerson, conference.young_person_id)
    conference.held_at = held_at or now
    referral = await session.scalar(
        select(Referral)
        .where(
            Referral.young_person_id == young_person.id,
            Referral.status == ReferralStatus.conference_planned,
        )
        .order_by(Referral.id.desc())
        .limit(1)
    )
    if referral is not None:
        await move_referral(
            session=session,
            referral=referral,
            to=ReferralStatus.sustaining,
            now=now,
            by_kind=ActorKind.user if by_user_id else ActorKind.system,
            by_user_id=by_user_id,
            reason="family group conference held",
            via_rule=True,
        )
    return await schedule_checkins(
        session=session,
        now=now,
        organisation=organisation,
        young_person=young_person,
        conference=conference,
    )
