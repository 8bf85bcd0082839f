"""Signing in (password, then the code from an authenticator app) and signing out; the
playground's link for its fictional demo coordinator. Before there is a session, forms are
protected by a double-submit cookie (workspace.pages.entry)."""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from models.audit import record_audit
from models.core.enums import ActorKind
from models.staff.enrolment import enrolment_ticket
from models.staff.signing_in import (
    SignInThrottledError,
    check_password,
    record_failure,
    record_success,
    second_factor,
)
from models.staff.totp import start_enrolment
from models.staff.web_sessions import active_account, close_web_session, open_web_session
from texts.catalog import t
from texts.workspace import SIGN_IN
from workspace.desk import COOKIE, context_of, page_route
from workspace.pages.enrolment import enrol_page
from workspace.pages.entry import (
    audit_login,
    client_address,
    form_key_ok,
    safe_next,
    sign_in_form,
    start_session_response,
)
from workspace.rendering import link

router = APIRouter()


@router.get("/sign-in", name="sign_in_page", response_class=HTMLResponse)
async def sign_in_page(
    request: Request, next: str | None = None, why: str | None = None
) -> Response:
    notice = None
    if why == "idle":
        notice = t(None, SIGN_IN["idle"])
    elif why == "signed_out":
        notice = t(None, SIGN_IN["ended"])
    elif why == "out":
        notice = t(None, SIGN_IN["signed_out"])
    return sign_in_form(request, next_path=safe_next(next), typed={}, errors={}, notice=notice)


@router.post("/sign-in", name="sign_in", response_class=HTMLResponse)
async def sign_in(request: Request) -> Response:
    form = await request.form()
    typed = {"email": str(form.get("email", ""))[:254]}
    password = str(form.get("password", ""))[:200]
    code = str(form.get("code", ""))[:12]
    next_path = safe_next(str(form.get("next", "")))
    if not form_key_ok(request, str(form.get("form_key", ""))):
        return sign_in_form(
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
        return sign_in_form(
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
                route=page_route(request),
                slowdown_seconds=context.login_slowdown_seconds,
            )
        except SignInThrottledError:
            return sign_in_form(
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
            await record_success(session=session, now=now, check=checked, user=user)
            await session.commit()
            return enrol_page(request, user, ticket, next_path, errors={})
        if context.require_totp:
            user = await second_factor(session=session, now=now, check=checked, code=code)
        if user is None:
            record_failure(session=session, now=now, check=checked)
            await session.commit()
            return sign_in_form(
                request,
                next_path=next_path,
                typed=typed,
                errors={},
                problem=t(None, SIGN_IN["wrong"]),
                status_code=401,
            )
        await record_success(session=session, now=now, check=checked, user=user)
        secret = await open_web_session(session=session, now=now, user=user)
        audit_login(request, session, user, now)
        await session.commit()
    return start_session_response(request, secret, next_path)


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
    response = RedirectResponse(link(request, "sign_in_page") + "?why=out", 303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/demo/{code}", name="demo_sign_in")
async def demo_sign_in(request: Request, code: str) -> Response:
    """The playground's link: signs in its fictional demo coordinator, with no password (the
    playground runs only without a Telegram token, never in production)."""
    context = context_of(request)
    demo = context.demo_sign_in
    if demo is None or not hmac.compare_digest(demo[0].encode(), code.encode()[:100]):
        return sign_in_form(
            request,
            next_path="/",
            typed={},
            errors={},
            problem=t(None, SIGN_IN["demo_gone"]),
            status_code=404,
        )
    async with context.sessionmaker() as session:
        now = context.clock.now()
        user = await active_account(session=session, email=demo[1], organisation_slug=demo[2])
        if user is None:
            return sign_in_form(
                request,
                next_path="/",
                typed={},
                errors={},
                problem=t(None, SIGN_IN["demo_gone"]),
                status_code=404,
            )
        secret = await open_web_session(session=session, now=now, user=user)
        audit_login(request, session, user, now)
        await session.commit()
    return start_session_response(request, secret, "/")
