"""The programme report for one organisation and period: every section, in one transaction."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from models.core.db import is_postgres
from models.reports.figures import Figure, ProgrammeReport
from models.reports.measures import measure_figures
from models.reports.period import ReportPeriod
from models.reports.pipeline import activity_figures, caseload_figures, referral_figures
from models.reports.placement import placement_figures
from models.reports.reach import reach_figures
from models.reports.support import support_figures
from models.reports.timing import time_taken_figures
from models.staff.organisation import Organisation

SECTIONS = [
    referral_figures,
    activity_figures,
    caseload_figures,
    time_taken_figures,
    reach_figures,
    support_figures,
    measure_figures,
    placement_figures,
]
SECTION_ORDER = ["referrals", "activity", "caseload", "time_taken", "reach", "outcomes"]


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
    if is_postgres(session):
        # Many small aggregates: compiling them (JIT) costs more than running them, and their
        # sorts fit in memory with a little more than the default.
        await session.execute(text("SET LOCAL jit = off"))
        await session.execute(text("SET LOCAL work_mem = '32MB'"))
    figures: list[Figure] = []
    for section in SECTIONS:
        figures += await section(session=session, organisation_id=organisation.id, period=period)
    return ProgrammeReport(
        organisation=organisation.name,
        organisation_slug=organisation.slug,
        period=period,
        generated_at=now,
        figures=sorted(figures, key=lambda f: SECTION_ORDER.index(f.section)),
    )
