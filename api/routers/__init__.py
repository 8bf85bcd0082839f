"""One router per resource, all under `/v1`."""

from __future__ import annotations

from fastapi import APIRouter

from api.routers import (
    admin,
    audit,
    auth,
    checkins,
    connections,
    consents,
    contact_log,
    me,
    measures,
    meetings,
    nudges,
    referrals,
    reports,
    today,
    young_people,
)

V1_ROUTERS: list[APIRouter] = [
    auth.router,
    me.router,
    today.router,
    referrals.router,
    young_people.router,
    consents.router,
    connections.router,
    contact_log.router,
    meetings.router,
    checkins.router,
    measures.router,
    nudges.router,
    admin.router,
    audit.router,
    reports.router,
]
