"""Placement stability: the share of young people in care with no placement move in the
twelve months after their conference (the evaluation's 74% against 41%).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.cadence import add_months
from models.enums import Cohort, MeasureKind, ReferralStatus
from models.measure import Measure
from models.referral import Referral, ReferralTransition
from models.reports.figures import Figure, Unit, percent
from models.reports.period import ReportPeriod
from models.reports.sql import fetch
from models.young_person import YoungPerson

# Placements belong to children looked after: unaccompanied children are looked after too.
IN_CARE = (Cohort.in_care, Cohort.uasc)
FOLLOW_UP_MONTHS = 12


async def placement_figures(
    *, session: AsyncSession, organisation_id: int, period: ReportPeriod
) -> list[Figure]:
    """Young people whose twelve months after the conference ended in the period."""
    window_start = add_months(period.starts_at, -FOLLOW_UP_MONTHS)
    window_end = add_months(period.ends_at, -FOLLOW_UP_MONTHS)
    t = ReferralTransition
    conference_at = func.min(t.at)
    followed = (
        select(Referral.young_person_id.label("young_person_id"), conference_at.label("held_at"))
        .join(
            Referral,
            (Referral.id == t.referral_id) & (Referral.organisation_id == organisation_id),
        )
        .join(
            YoungPerson,
            (YoungPerson.id == Referral.young_person_id)
            & (YoungPerson.organisation_id == organisation_id),
        )
        .where(
            t.organisation_id == organisation_id,
            t.to_status == ReferralStatus.sustaining,
            YoungPerson.cohort.in_(IN_CARE),
        )
        .group_by(Referral.young_person_id)
        .having(conference_at >= window_start, conference_at < window_end)
        .subquery("followed")
    )
    held: dict[int, date] = {
        int(person): moment.date() for person, moment in await fetch(session, select(followed))
    }
    moves = await fetch(
        session,
        select(Measure.young_person_id, Measure.recorded_on)
        .join(followed, followed.c.young_person_id == Measure.young_person_id)
        .where(
            Measure.organisation_id == organisation_id,
            Measure.kind == MeasureKind.placement_move,
            Measure.value > 0,
            Measure.recorded_on > window_start.date(),
        ),
    )
    moved = {
        int(person)
        for person, recorded_on in moves
        if held[int(person)] < recorded_on <= add_months_date(held[int(person)])
    }
    stayed = len(held) - len(moved)
    section = "outcomes"
    return [
        Figure(section, "placement_followed_up", len(held), Unit.young_people, base=len(held)),
        Figure(
            section,
            "placement_no_move_12_months",
            stayed,
            Unit.young_people,
            base=len(held),
            percent=percent(stayed, len(held)),
        ),
        Figure(
            section,
            "placement_stability",
            percent(stayed, len(held)),
            Unit.percent,
            base=len(held),
        ),
    ]


def add_months_date(day: date) -> date:
    """The day twelve months after `day` (28 February for a 29 February)."""
    year, month = day.year + FOLLOW_UP_MONTHS // 12, day.month
    try:
        return day.replace(year=year, month=month)
    except ValueError:
        return day.replace(year=year, month=month, day=28)
