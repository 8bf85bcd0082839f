"""What every way in shares: the sign-in form with its double-submit key, a safe place to
go back to, the session cookie, and the login audit event."""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from models.audit import record_audit
from models.core.enums import ActorKind
from models.staff.user import User
from workspace.desk import COOKIE, context_of, page_route
from workspace.rendering import render

PRE_COOKIE = "kith_workspace_form"


def safe_next(value: str | None) -> str:
    """Only a path inside the workspace: never another site (an open redirect)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _form_key(request: Request) -> str:
    return request.cookies.get(PRE_COOKIE) or secrets.token_urlsafe(24)


def _with_form_key(request: Request, response: Response, key: str) -> Response:
    if request.cookies.get(PRE_COOKIE) != key:
        response.set_cookie(
            PRE_COOKIE,
            key,
            httponly=True,
            samesite="strict",
            secure=context_of(request).secure_cookies,
            path="/",
        )
    return response


def sign_in_form(
    request: Request,
    *,
    next_path: str,
    typed: dict[str, str],
    errors: dict[str, str],
    problem: str | None = None,
    notice: str | None = None,
    status_code: int = 200,
) -> Response:
    key = _form_key(request)
    page = render(
        request,
        "sign_in.html",
        status_code=status_code,
        form_key=key,
        next_path=next_path,
        typed=typed,
        errors=errors,
        problem=problem,
        notice=notice,
        totp=context_of(request).require_totp,
    )
    return _with_form_key(request, page, key)


def start_session_response(request: Request, secret: str, next_path: str) -> Response:
    root = request.scope.get("root_path", "")
    response = RedirectResponse(root + next_path, status_code=303)
    response.set_cookie(
        COOKIE,
        secret,
        httponly=True,
        samesite="lax",
        secure=context_of(request).secure_cookies,
        path="/",
    )
    response.delete_cookie(PRE_COOKIE, path="/")
    return response


def audit_login(request: Request, session: object, user: User, now: object) -> None:
    record_audit(
        session=session,  # type: ignore[arg-type]
        now=now,  # type: ignore[arg-type]
        actor_kind=ActorKind.user,
        actor_user_id=user.id,
        organisation_id=user.organisation_id,
        action="login",
        entity="user",
        entity_id=user.id,
        route=page_route(request),
    )


def form_key_ok(request: Request, sent: str) -> bool:
    kept = request.cookies.get(PRE_COOKIE, "")
    return bool(kept) and hmac.compare_digest(kept, sent)
