"""Placement stability: the share of young people in care with no placement move in the
twelve months after their conference (the evaluation's 74% against 41%).
"""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.checkins.cadence import add_months
from models.core.db import is_postgres
from models.core.enums import Cohort, MeasureKind, ReferralStatus
from models.referrals.referral import Referral, ReferralTransition
from models.reports.figures import Figure, Unit, percent
from models.reports.period import ReportPeriod
from models.reports.sql import day_of, fetch, months_after
from models.young_people.measures import Measure
from models.young_people.young_person import YoungPerson

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
    m = Measure
    moved = (
        select(m.id)
        .where(
            m.organisation_id == organisation_id,
            m.young_person_id == followed.c.young_person_id,
            m.kind == MeasureKind.placement_move,
            m.value > 0,
            m.recorded_on > day_of(followed.c.held_at),
            m.recorded_on
            <= months_after(followed.c.held_at, FOLLOW_UP_MONTHS, postgres=is_postgres(session)),
        )
        .correlate(followed)
        .exists()
    )
    total, moves = (
        await fetch(
            session,
            select(func.count(), func.coalesce(func.sum(case((moved, 1), else_=0)), 0)).select_from(
                followed
            ),
        )
    )[0]
    followed_up, stayed = int(total), int(total) - int(moves)
    section = "outcomes"
    return [
        Figure(section, "placement_followed_up", followed_up, Unit.young_people, base=followed_up),
        Figure(
            section,
            "placement_no_move_12_months",
            stayed,
            Unit.young_people,
            base=followed_up,
            percent=percent(stayed, followed_up),
        ),
        Figure(
            section,
            "placement_stability",
            percent(stayed, followed_up),
            Unit.percent,
            base=followed_up,
        ),
    ]
