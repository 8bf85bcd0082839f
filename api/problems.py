"""Errors as RFC 9457 problem documents (`application/problem+json`), for every error path.

Refused requests (401, 403, 404, 405, 429) are also written to the audit trail, in a session
of their own so a rolled-back request cannot lose the record of its refusal.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from models.checkins.schedule import CheckInStateError
from models.core.scoping import NotFoundError
from models.meetings.arranging import CommitmentError, MeetingStateError
from models.network.tracing import ConnectionInUseError, ConnectionMoveError
from models.referrals.journey import IllegalMoveError, ReasonRequiredError
from models.young_people.caseload import NotACoordinatorError
from models.young_people.consent import ConsentError, MissingConsentError

log = logging.getLogger("kith.api")
PROBLEM_JSON = "application/problem+json"
REFUSED = frozenset({401, 403, 404, 405, 409, 429})


class FieldError(BaseModel):
    field: str = Field(description="Where: body.name, query.status, path.referral_id")
    message: str


class Problem(BaseModel):
    """An RFC 9457 problem document."""

    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "type": "about:blank",
                "title": "Conflict",
                "status": 409,
                "detail": "a referral cannot move from 'received' to 'searching'",
            }
        }
    )

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[FieldError] | None = None


class ApiError(Exception):
    """An error a route raises on purpose, with the status and the words a person acts on."""

    def __init__(self, status: int, detail: str, *, headers: dict[str, str] | None = None) -> None:
        self.status = status
        self.detail = detail
        self.headers = headers
        super().__init__(detail)


def problem_response(
    status: int,
    detail: str,
    *,
    instance: str | None = None,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = Problem(
        title=HTTPStatus(status).phrase,
        status=status,
        detail=detail,
        instance=instance,
        errors=errors,
    )
    return JSONResponse(
        body.model_dump(exclude_none=True),
        status_code=status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


def _field_name(location: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in location) or "request"


async def _refused(
    request: Request, status: int, *, entity: str = "request", entity_id: int | None = None
) -> None:
    auditor = getattr(request.app.state, "refusal_auditor", None)
    if auditor is not None and not getattr(request.state, "audited", False):
        await auditor(request, status, entity, entity_id)


def allowed_methods(request: Request) -> str:
    """Every method of every route on this path (Starlette names only the first route's)."""
    routes = request.app.router.routes
    methods = {
        method
        for method in ("DELETE", "GET", "PATCH", "POST", "PUT")
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes
        )
    }
    if "GET" in methods:
        methods.add("HEAD")
    return ", ".join(sorted(methods))


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        if exc.status in REFUSED:
            await _refused(request, exc.status)
        return problem_response(
            exc.status, exc.detail, instance=request.url.path, headers=exc.headers
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code in REFUSED:
            await _refused(request, exc.status_code)
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"nothing at {request.url.path}"
        headers = getattr(exc, "headers", None)
        if exc.status_code == 405:
            detail = f"{request.method} is not allowed on {request.url.path}"
            headers = {**(headers or {}), "Allow": allowed_methods(request)}
        return problem_response(exc.status_code, detail, instance=request.url.path, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            FieldError(field=_field_name(tuple(e.get("loc", ()))), message=str(e.get("msg", "")))
            for e in exc.errors()
        ]
        first = errors[0] if errors else FieldError(field="request", message="invalid")
        return problem_response(
            422, f"{first.field}: {first.message}", instance=request.url.path, errors=errors
        )

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> JSONResponse:
        entity_id = exc.entity_id if isinstance(exc.entity_id, int) else None
        await _refused(request, 404, entity=exc.entity, entity_id=entity_id)
        return problem_response(
            404, f"{exc.entity} {exc.entity_id} not found", instance=request.url.path
        )

    conflicts: tuple[type[Exception], ...] = (
        IllegalMoveError,
        MissingConsentError,
        ConnectionMoveError,
        ConnectionInUseError,
        MeetingStateError,
        CheckInStateError,
    )
    for kind in conflicts:
        app.add_exception_handler(kind, _conflict)
    for kind in (ReasonRequiredError, ConsentError, CommitmentError, NotACoordinatorError):
        app.add_exception_handler(kind, _unprocessable)


async def _conflict(request: Request, exc: Exception) -> JSONResponse:
    # An attempted change that the record's state refused is written down like any refusal.
    await _refused(request, 409)
    return problem_response(409, str(exc), instance=request.url.path)


async def _unprocessable(request: Request, exc: Exception) -> JSONResponse:
    return problem_response(422, str(exc), instance=request.url.path)
