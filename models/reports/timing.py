"""How long the journey takes: days from referral to each milestone, median and 90th centile.

Each referral counts in the period in which it reached the milestone (for the first time),
whenever it was received: a year's return says how long the steps taken that year took.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.core.db import is_postgres
from models.core.enums import ReferralStatus
from models.referrals.referral import Referral
from models.reports.figures import Figure, Summary, Unit, rounded, summarise
from models.reports.period import ReportPeriod
from models.reports.sql import days_between, fetch, first_reached

S = ReferralStatus
MILESTONES: list[tuple[str, ReferralStatus]] = [
    ("days_to_acceptance", S.accepted),
    ("days_to_allocation", S.allocated),
    ("days_to_conference", S.sustaining),
    ("days_to_closure", S.closed),
]


async def time_taken_figures(
    *, session: AsyncSession, organisation_id: int, period: ReportPeriod
) -> list[Figure]:
    """Per milestone: the number of referrals, and the median and 90th centile in days.

    PostgreSQL computes the centiles itself (percentile_cont). SQLite has no centiles: there
    only the per-referral durations come back and `quantile` interpolates the same way.
    """
    postgres = is_postgres(session)
    firsts = first_reached(organisation_id, [status for _, status in MILESTONES], period.ends_at)
    durations = (
        select(
            firsts.c.status.label("status"),
            days_between(Referral.received_at, firsts.c.first_at, postgres=postgres).label("days"),
        )
        .join(
            Referral,
            (Referral.id == firsts.c.referral_id) & (Referral.organisation_id == organisation_id),
        )
        .where(firsts.c.first_at >= period.starts_at)
        .subquery("durations")
    )
    summaries: dict[ReferralStatus, Summary] = defaultdict(lambda: summarise([]))
    if postgres:
        days = durations.c.days
        rows = await fetch(
            session,
            select(
                durations.c.status,
                func.count(),
                func.percentile_cont(0.5).within_group(days),
                func.percentile_cont(0.9).within_group(days),
            ).group_by(durations.c.status),
        )
        for status, n, median, p90 in rows:
            summaries[ReferralStatus(status)] = Summary(int(n), None, float(median), float(p90))
    else:
        per_case: dict[ReferralStatus, list[float]] = defaultdict(list)
        for status, value in await fetch(session, select(durations.c.status, durations.c.days)):
            per_case[ReferralStatus(status)].append(float(value))
        for status, values in per_case.items():
            summaries[status] = summarise(values)
    figures: list[Figure] = []
    for name, status in MILESTONES:
        summary = summaries[status]
        figures += [
            Figure("time_taken", name, summary.n, Unit.referrals, category="referrals"),
            Figure(
                "time_taken", name, rounded(summary.median), Unit.days, "median", base=summary.n
            ),
            Figure("time_taken", name, rounded(summary.p90), Unit.days, "p90", base=summary.n),
        ]
    return figures
