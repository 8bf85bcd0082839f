"""The programme report for managers: its charts on the page, and the CSV and PDF to share
(small numbers suppressed, as the API's exports)."""

from __future__ import annotations

import asyncio
from datetime import date

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from models.reports import ReportPeriodError, build_programme_report, to_csv, to_image
from models.reports.period import local_today, reporting_year_start
from models.staff.organisation import Organisation
from workspace.desk import ManagerDesk
from workspace.forms import Form
from workspace.rendering import render

router = APIRouter()
MEDIA = {"csv": "text/csv; charset=utf-8", "pdf": "application/pdf", "png": "image/png"}


def _period(form: Form, today: date) -> tuple[date, date]:
    first = form.day("from") or reporting_year_start(today)
    last = form.day("to") or today
    return first, last


@router.get("/reports", name="reports", response_class=HTMLResponse)
async def reports_page(desk: ManagerDesk) -> Response:
    organisation = await desk.session.get_one(Organisation, desk.user.organisation_id)
    form = Form({k: v for k, v in desk.request.query_params.items() if k in ("from", "to")})
    first, last = _period(form, local_today(desk.now, organisation.timezone))
    return render(
        desk.request,
        "reports.html",
        nav="reports",
        form=form,
        first=first.isoformat(),
        last=last.isoformat(),
    )


@router.get("/reports/programme.{kind}", name="report_file")
async def report_file(kind: str, desk: ManagerDesk) -> Response:
    if kind not in MEDIA:
        return Response(status_code=404)
    organisation = await desk.session.get_one(Organisation, desk.user.organisation_id)
    form = Form({k: v for k, v in desk.request.query_params.items() if k in ("from", "to")})
    first, last = _period(form, local_today(desk.now, organisation.timezone))
    try:
        report = await build_programme_report(
            session=desk.session, now=desk.now, organisation=organisation, first=first, last=last
        )
    except ReportPeriodError as exc:
        return Response(str(exc), status_code=422, media_type="text/plain; charset=utf-8")
    desk.audit("read" if kind == "png" else "export", "programme_report")
    await desk.session.commit()
    name = f"programme-report-{organisation.slug}-{report.period.first}-{report.period.last}"
    headers = (
        {"Content-Disposition": f'attachment; filename="{name}.{kind}"'} if kind != "png" else {}
    )
    if kind == "csv":
        return Response(to_csv(report), media_type=MEDIA[kind], headers=headers)
    image = await asyncio.to_thread(to_image, report, kind)  # type: ignore[arg-type]
    return Response(image, media_type=MEDIA[kind], headers=headers)
