"""What needs a coordinator now: open nudges (urgent first), overdue check-ins, meetings and
reviews coming up, and referrals waiting on them. A manager sees the same for their council."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import ColumnElement, Select, case, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.checkins.checkin import CheckIn
from models.core.enums import CheckInState, Priority, ReferralStatus, Role, Urgency
from models.meetings.meeting import Meeting
from models.nudges.nudge import Nudge
from models.nudges.raising import OPEN
from models.referrals.referral import Referral
from models.staff.user import User
from models.young_people.caseload import reach_condition, visible_nudges
from models.young_people.young_person import YoungPerson

LOOK_AHEAD = timedelta(days=7)
# Each list is for acting on now: the first 50, most pressing first; the rest are a page away.
SECTION_LIMIT = 50
Row = TypeVar("Row", CheckIn, Meeting, Referral)


@dataclass(frozen=True)
class Today:
    nudges: list[Nudge]
    overdue_checkins: list[CheckIn]
    meetings: list[Meeting]
    reviews_due: list[YoungPerson]
    referrals_waiting: list[Referral]


def _waiting_statuses(user: User) -> tuple[ReferralStatus, ...]:
    """A manager triages and allocates; a coordinator holds the planning meeting."""
    if user.role == Role.manager:
        return (ReferralStatus.received, ReferralStatus.accepted)
    return (ReferralStatus.allocated,)


def _in_reach(row: type[Row], reach: ColumnElement[bool]) -> Select[Row]:
    """Rows about the young people this user may see (their caseload, or their council's)."""
    return select(row).join(YoungPerson, YoungPerson.id == row.young_person_id).where(reach)


async def today_for(*, session: AsyncSession, now: datetime, user: User) -> Today:
    reach = reach_condition(user)
    urgent_first = case((Nudge.urgency == Urgency.urgent, 0), else_=1)
    urgent_referral_first = case((Referral.priority == Priority.urgent, 0), else_=1)
    nudges = await session.scalars(
        visible_nudges(user)
        .where(Nudge.state.in_(OPEN))
        .order_by(urgent_first, Nudge.last_raised_at.desc(), Nudge.id)
        .limit(SECTION_LIMIT)
    )
    overdue = await session.scalars(
        _in_reach(CheckIn, reach)
        .where(
            CheckIn.state.in_((CheckInState.scheduled, CheckInState.sent)),
            CheckIn.due_at < now,
        )
        .order_by(CheckIn.due_at, CheckIn.id)
        .limit(SECTION_LIMIT)
    )
    meetings = await session.scalars(
        _in_reach(Meeting, reach)
        .where(
            Meeting.held_at.is_(None),
            Meeting.cancelled_at.is_(None),
            Meeting.scheduled_at >= now,
            Meeting.scheduled_at < now + LOOK_AHEAD,
        )
        .order_by(Meeting.scheduled_at, Meeting.id)
        .limit(SECTION_LIMIT)
    )
    reviews = await session.scalars(
        select(YoungPerson)
        .where(
            reach,
            YoungPerson.review_due_on.is_not(None),
            YoungPerson.review_due_on <= (now + LOOK_AHEAD).date(),
        )
        .order_by(YoungPerson.review_due_on, YoungPerson.id)
        .limit(SECTION_LIMIT)
    )
    referrals = await session.scalars(
        _in_reach(Referral, reach)
        .where(Referral.status.in_(_waiting_statuses(user)))
        .order_by(urgent_referral_first, Referral.received_at, Referral.id)
        .limit(SECTION_LIMIT)
    )
    return Today(
        nudges=list(nudges),
        overdue_checkins=list(overdue),
        meetings=list(meetings),
        reviews_due=list(reviews),
        referrals_waiting=list(referrals),
    )
