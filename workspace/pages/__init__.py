"""One router per part of the workspace."""

from __future__ import annotations

from fastapi import APIRouter

from workspace.pages import (
    admin,
    caseload,
    connections,
    enrolment,
    record,
    referrals,
    replies,
    reports,
    safeguarding,
    settings,
    signin,
    today,
)

PAGE_ROUTERS: list[APIRouter] = [
    signin.router,
    enrolment.router,
    today.router,
    caseload.router,
    record.router,
    replies.router,
    connections.router,
    referrals.router,
    reports.router,
    admin.router,
    safeguarding.router,
    settings.router,
]
