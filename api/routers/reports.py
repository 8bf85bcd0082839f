"""`GET /v1/reports/programme`: the programme report for the manager's own organisation —
the DfE return and outcomes as exact JSON (not for publication), or, for sharing, as CSV,
PDF or PNG with small numbers suppressed. The CLI's `kith report` gives the same.
"""

from __future__ import annotations

import asyncio
from datetime import date
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response

from api.deps import Audit, Manager, Now, SessionDep
from api.openapi import Responses
from api.problems import ApiError
from models.reports import (
    ReportPeriodError,
    build_programme_report,
    to_csv,
    to_image,
    to_json,
)
from models.reports.period import local_today, reporting_year_start
from models.staff.organisation import Organisation

router = APIRouter(prefix="/reports", tags=["reports"])


class ReportFormat(StrEnum):
    json = "json"
    csv = "csv"
    pdf = "pdf"
    png = "png"


MEDIA_TYPES = {
    ReportFormat.csv: "text/csv; charset=utf-8",
    ReportFormat.pdf: "application/pdf",
    ReportFormat.png: "image/png",
}
FORMATS: Responses = {
    200: {
        "description": (
            "JSON: exact figures, marked not for publication, with every figure's definition. "
            "CSV (one tidy table), PDF or PNG (one page with charts): counts of 1 to 4 shown "
            "as <5, and statistics resting on them hidden."
        ),
        "content": {
            "application/json": {"schema": {"type": "object"}},
            "text/csv": {"schema": {"type": "string"}},
            "application/pdf": {"schema": {"type": "string", "format": "binary"}},
            "image/png": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}


@router.get(
    "/programme",
    summary="The programme report (DfE return and outcomes)",
    response_class=JSONResponse,
    responses=FORMATS,
)
async def programme_report(
    session: SessionDep,
    manager: Manager,
    audit: Audit,
    now: Now,
    first: Annotated[
        date | None,
        Query(alias="from", description="First day (default: 1 April of this reporting year)"),
    ] = None,
    last: Annotated[
        date | None, Query(alias="to", description="Last day, inclusive (default: today)")
    ] = None,
    format: Annotated[ReportFormat, Query(description="json, csv, pdf or png")] = (
        ReportFormat.json
    ),
) -> Response:
    """Referrals and where they went, time taken, who is reached, and outcomes."""
    organisation = await session.get_one(Organisation, manager.organisation_id)
    today = local_today(now, organisation.timezone)
    try:
        report = await build_programme_report(
            session=session,
            now=now,
            organisation=organisation,
            first=first or reporting_year_start(today),
            last=last or today,
        )
    except ReportPeriodError as exc:
        raise ApiError(422, str(exc)) from None
    audit("read" if format == ReportFormat.json else "export", "programme_report")
    await session.commit()
    if format == ReportFormat.json:
        return JSONResponse(to_json(report))
    name = f"programme-report-{organisation.slug}-{report.period.first}-{report.period.last}"
    disposition = {"Content-Disposition": f'attachment; filename="{name}.{format.value}"'}
    if format == ReportFormat.csv:
        return Response(to_csv(report), media_type=MEDIA_TYPES[format], headers=disposition)
    # Drawing takes a moment of CPU: keep it off the event loop.
    image = await asyncio.to_thread(to_image, report, format.value)  # type: ignore[arg-type]
    return Response(image, media_type=MEDIA_TYPES[format], headers=disposition)
