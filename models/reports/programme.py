"""The programme report for one organisation and period: every section, in one transaction."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from models.organisation import Organisation
from models.reports.figures import Figure, ProgrammeReport
from models.reports.outcomes import (
    check_in_figures,
    network_figures,
    sdq_figures,
    support_figures,
)
from models.reports.period import ReportPeriod
from models.reports.pipeline import activity_figures, caseload_figures, referral_figures
from models.reports.placement import placement_figures
from models.reports.reach import reach_figures
from models.reports.timing import time_taken_figures

SECTIONS = [
    referral_figures,
    activity_figures,
    caseload_figures,
    time_taken_figures,
    support_figures,
    reach_figures,
    network_figures,
    check_in_figures,
    sdq_figures,
    placement_figures,
]


async def build_programme_report(
    *,
    session: AsyncSession,
    now: datetime,
    organisation: Organisation,
    first: date,
    last: date,
) -> ProgrammeReport:
    """Every figure of the report for `organisation`, from `first` to `last` inclusive.

    Reads only this organisation's rows; the database does the counting, and only
    per-case numbers needed for medians come back. Raises ReportPeriodError for a period
    that ends before it starts.
    """
    period = ReportPeriod(first=first, last=last, timezone=organisation.timezone)
    figures: list[Figure] = []
    for section in SECTIONS:
        figures += await section(session=session, organisation_id=organisation.id, period=period)
    return ProgrammeReport(
        organisation=organisation.name,
        organisation_slug=organisation.slug,
        period=period,
        generated_at=now,
        figures=figures,
    )
