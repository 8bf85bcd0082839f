"""The pipeline figures of a DfE return: referrals and where they went, activity, caseload.

See `models.reports.definitions` for the exact meaning of every figure.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.core.enums import MeetingKind, ReferralSource, ReferralStatus
from models.meetings.meeting import Meeting
from models.referrals.referral import Referral, ReferralTransition
from models.reports.figures import Figure, Unit, percent
from models.reports.period import ReportPeriod
from models.reports.sql import first_reached, status_at, tally

S = ReferralStatus

# Where a referral received in the period got to by the period's end, in funnel order.
COHORT_STEPS: list[tuple[str, ReferralStatus]] = [
    ("accepted", S.accepted),
    ("allocated", S.allocated),
    ("initial_planning_meeting_held", S.planning),
    ("conference_held", S.sustaining),
    ("declined", S.declined),
    ("withdrawn", S.withdrawn),
    ("opted_out", S.opted_out),
]
ACTIVE = (S.allocated, S.planning, S.searching, S.conference_planned, S.sustaining)
SOURCE_LABELS = {
    ReferralSource.self: "self-referral",
    ReferralSource.social_worker: "social worker",
    ReferralSource.coordinator: "coordinator",
}


async def referral_figures(
    *, session: AsyncSession, organisation_id: int, period: ReportPeriod
) -> list[Figure]:
    """Referrals received in the period, by source, and how far they got by its end."""
    in_period = (
        Referral.organisation_id == organisation_id,
        Referral.received_at >= period.starts_at,
        Referral.received_at < period.ends_at,
    )
    by_source = await tally(
        session,
        select(Referral.source, func.count()).where(*in_period).group_by(Referral.source),
    )
    received = sum(by_source.values())
    t = ReferralTransition
    reached = await tally(
        session,
        select(t.to_status, func.count(func.distinct(t.referral_id)))
        .join(Referral, Referral.id == t.referral_id)
        .where(
            *in_period,
            t.organisation_id == organisation_id,
            t.at < period.ends_at,
            t.to_status.in_([status for _, status in COHORT_STEPS]),
        )
        .group_by(t.to_status),
    )
    section = "referrals"
    figures = [Figure(section, "received", received, Unit.referrals, base=received)]
    for source in ReferralSource:
        count = int(by_source.get(source, 0))
        figures.append(
            Figure(
                section,
                "received_by_source",
                count,
                Unit.referrals,
                category=SOURCE_LABELS[source],
                base=received,
                percent=percent(count, received),
            )
        )
    for name, status in COHORT_STEPS:
        count = int(reached.get(status, 0))
        figures.append(
            Figure(
                section,
                name,
                count,
                Unit.referrals,
                base=received,
                percent=percent(count, received),
            )
        )
    accepted, declined = int(reached.get(S.accepted, 0)), int(reached.get(S.declined, 0))
    decided = accepted + declined
    figures.append(Figure(section, "decided", decided, Unit.referrals, base=received))
    figures.append(
        Figure(section, "conversion_rate", percent(accepted, decided), Unit.percent, base=decided)
    )
    return figures


async def activity_figures(
    *, session: AsyncSession, organisation_id: int, period: ReportPeriod
) -> list[Figure]:
    """What happened in the period, whenever the referral came in."""
    firsts = first_reached(organisation_id, [S.planning, S.sustaining, S.closed], period.ends_at)
    happened = await tally(
        session,
        select(firsts.c.status, func.count())
        .where(firsts.c.first_at >= period.starts_at)
        .group_by(firsts.c.status),
    )
    reviews = await session.scalar(
        select(func.count()).where(
            Meeting.organisation_id == organisation_id,
            Meeting.kind == MeetingKind.review,
            Meeting.held_at >= period.starts_at,
            Meeting.held_at < period.ends_at,
        )
    )
    section = "activity"
    return [
        Figure(
            section,
            "initial_planning_meetings_held",
            int(happened.get(S.planning, 0)),
            Unit.meetings,
        ),
        Figure(section, "conferences_held", int(happened.get(S.sustaining, 0)), Unit.meetings),
        Figure(section, "reviews_held", int(reviews or 0), Unit.meetings),
        Figure(section, "closed", int(happened.get(S.closed, 0)), Unit.referrals),
    ]


async def caseload_figures(
    *, session: AsyncSession, organisation_id: int, period: ReportPeriod
) -> list[Figure]:
    """Referrals open at the end of the period, by where they stood."""
    current = status_at(organisation_id, period.ends_at)
    standing = await tally(
        session,
        select(current.c.status, func.count())
        .where(current.c.status.in_(ACTIVE))
        .group_by(current.c.status),
    )
    section = "caseload"
    return [
        Figure(
            section,
            "active_interventions",
            sum(int(standing.get(s, 0)) for s in ACTIVE),
            Unit.referrals,
        ),
        Figure(section, "in_sustaining", int(standing.get(S.sustaining, 0)), Unit.referrals),
    ]
