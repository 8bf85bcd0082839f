"""Signing in (password, then the code from an authenticator app), first-time enrolment of the
second factor with a QR code, and signing out.

Before there is a session, forms are protected by a double-submit cookie: a random value set
with the page, which a page on another site can neither read nor set.
"""

from __future__ import annotations

import hmac
import secrets

import segno
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from models.audit import record_audit
from models.core.enums import ActorKind
from models.staff.enrolment import (
    SignInThrottledError,
    check_password,
    enrolment_ticket,
    record_failure,
    record_success,
    user_for_enrolment_ticket,
)
from models.staff.totp import (
    check_code,
    provisioning_uri,
    start_enrolment,
)
from models.staff.user import User
from models.staff.web_sessions import close_web_session, open_web_session
from texts.catalog import t
from texts.workspace import SIGN_IN
from workspace.desk import COOKIE, context_of, page_route
from workspace.rendering import render

router = APIRouter()
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


def _sign_in_form(
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


@router.get("/sign-in", name="sign_in_page", response_class=HTMLResponse)
async def sign_in_page(
    request: Request, next: str | None = None, why: str | None = None
) -> Response:
    notice = None
    if why == "idle":
        notice = t(None, SIGN_IN["idle"])
    elif why == "signed_out":
        notice = t(None, SIGN_IN["ended"])
    return _sign_in_form(request, next_path=safe_next(next), typed={}, errors={}, notice=notice)


def _start_session_response(request: Request, secret: str, next_path: str) -> Response:
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


def _audit_login(request: Request, session: object, user: User, now: object) -> None:
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


def _form_key_ok(request: Request, sent: str) -> bool:
    kept = request.cookies.get(PRE_COOKIE, "")
    return bool(kept) and hmac.compare_digest(kept, sent)


@router.post("/sign-in", name="sign_in", response_class=HTMLResponse)
async def sign_in(request: Request) -> Response:
    form = await request.form()
    typed = {"email": str(form.get("email", ""))[:254]}
    password = str(form.get("password", ""))[:200]
    code = str(form.get("code", ""))[:12]
    next_path = safe_next(str(form.get("next", "")))
    if not _form_key_ok(request, str(form.get("form_key", ""))):
        return _sign_in_form(
            request,
            next_path=next_path,
            typed=typed,
            errors={},
            problem=t(None, SIGN_IN["stale"]),
            status_code=400,
        )
    errors: dict[str, str] = {}
    if not typed["email"].strip():
        errors["email"] = t(None, SIGN_IN["email_missing"])
    if not password:
        errors["password"] = t(None, SIGN_IN["password_missing"])
    if errors:
        return _sign_in_form(
            request, next_path=next_path, typed=typed, errors=errors, status_code=422
        )
    context = context_of(request)
    address = client_address(request)
    async with context.sessionmaker() as session:
        now = context.clock.now()
        try:
            checked = await check_password(
                session=session,
                now=now,
                email=typed["email"],
                password=password,
                address=address,
                slowdown_seconds=context.login_slowdown_seconds,
            )
        except SignInThrottledError:
            await session.commit()
            return _sign_in_form(
                request,
                next_path=next_path,
                typed=typed,
                errors={},
                problem=t(None, SIGN_IN["throttled"]),
                status_code=429,
            )
        user = checked.user
        if user is not None and context.require_totp and user.totp_enrolled_at is None:
            # The password was right and there is no second factor yet: enrol it now.
            start_enrolment(user=user)
            ticket = enrolment_ticket(user=user, now=now)
            await session.commit()
            return _enrol_page(request, user, ticket, next_path, errors={})
        if (
            user is not None
            and context.require_totp
            and not check_code(user=user, code=code, now=now)
        ):
            user = None
        if user is None:
            record_failure(session=session, now=now, email=checked.email, address=address)
            await session.commit()
            return _sign_in_form(
                request,
                next_path=next_path,
                typed=typed,
                errors={},
                problem=t(None, SIGN_IN["wrong"]),
                status_code=401,
            )
        record_success(session=session, now=now, email=checked.email, address=address)
        secret = await open_web_session(session=session, now=now, user=user)
        _audit_login(request, session, user, now)
        await session.commit()
    return _start_session_response(request, secret, next_path)


def _qr(uri: str) -> str:
    """The otpauth link as a QR code, drawn here (nothing fetched): an SVG data URI."""
    return str(segno.make_qr(uri, error="m").svg_data_uri(scale=6, border=2, dark="#000"))


def _enrol_page(
    request: Request,
    user: User,
    ticket: str,
    next_path: str,
    errors: dict[str, str],
    status_code: int = 200,
) -> Response:
    uri = provisioning_uri(user)
    secret = user.totp_secret or ""
    return render(
        request,
        "enrol.html",
        status_code=status_code,
        ticket=ticket,
        next_path=next_path,
        qr=_qr(uri),
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        errors=errors,
        email=user.email,
    )


@router.post("/enrol", name="enrol", response_class=HTMLResponse)
async def enrol(request: Request) -> Response:
    form = await request.form()
    ticket = str(form.get("ticket", ""))[:1000]
    code = str(form.get("code", ""))[:12]
    next_path = safe_next(str(form.get("next", "")))
    context = context_of(request)
    async with context.sessionmaker() as session:
        now = context.clock.now()
        user = await user_for_enrolment_ticket(session=session, now=now, ticket=ticket)
        if user is None or user.totp_enrolled_at is not None:
            return _sign_in_form(
                request,
                next_path=next_path,
                typed={},
                errors={},
                problem=t(None, SIGN_IN["enrol_expired"]),
                status_code=400,
            )
        if not check_code(user=user, code=code, now=now):
            record_failure(
                session=session, now=now, email=user.email, address=client_address(request)
            )
            await session.commit()
            return _enrol_page(
                request,
                user,
                ticket,
                next_path,
                errors={"code": t(None, SIGN_IN["enrol_code_wrong"])},
                status_code=422,
            )
        record_success(session=session, now=now, email=user.email, address=client_address(request))
        secret = await open_web_session(session=session, now=now, user=user)
        _audit_login(request, session, user, now)
        await session.commit()
    return _start_session_response(request, secret, next_path)


@router.post("/sign-out", name="sign_out")
async def sign_out(request: Request) -> Response:
    """Signing out needs no CSRF token: the worst another site can do is sign you out."""
    context = context_of(request)
    secret = request.cookies.get(COOKIE)
    if secret:
        async with context.sessionmaker() as session:
            now = context.clock.now()
            user = await close_web_session(session=session, now=now, secret=secret)
            if user is not None:
                record_audit(
                    session=session,
                    now=now,
                    actor_kind=ActorKind.user,
                    actor_user_id=user.id,
                    organisation_id=user.organisation_id,
                    action="logout",
                    entity="user",
                    entity_id=user.id,
                    route=page_route(request),
                )
            await session.commit()
    response = RedirectResponse(str(request.url_for("sign_in_page")) + "?why=signed_out", 303)
    response.delete_cookie(COOKIE, path="/")
    return response
