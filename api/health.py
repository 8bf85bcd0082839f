"""Liveness and readiness: open to the load balancer (metrics are elsewhere: api/metrics.py)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text

from api.deps import get_context

health_router = APIRouter(tags=["health"])


class Status(BaseModel):
    status: str


@health_router.get("/healthz", summary="Alive", response_model=Status)
async def healthz() -> Status:
    """The process answers: nothing else is checked."""
    return Status(status="ok")


@health_router.get(
    "/readyz",
    summary="Database reachable",
    response_model=Status,
    responses={503: {"description": "The database does not answer", "model": Status}},
)
async def readyz(request: Request) -> JSONResponse:
    """Ready to serve: the database answers a trivial query."""
    try:
        async with get_context(request).sessionmaker() as session:
            await session.execute(text("SELECT 1"))
    except Exception:
        return JSONResponse({"status": "database unreachable"}, status_code=503)
    return JSONResponse({"status": "ok"})
