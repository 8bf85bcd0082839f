"""First-time enrolment of the second factor: a QR code drawn here (nothing fetched), the key
as text for typing, and the first code from the new app, which signs the person in."""

from __future__ import annotations

import segno
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from models.staff.enrolment import user_for_enrolment_ticket
from models.staff.signing_in import (
    SignInThrottledError,
    check_enrolment_attempt,
    record_failure,
    record_success,
)
from models.staff.totp import provisioning_uri, use_code
from models.staff.user import User
from models.staff.web_sessions import open_web_session
from texts.catalog import t
from texts.workspace import SIGN_IN
from workspace.desk import context_of, page_route
from workspace.pages.entry import (
    audit_login,
    client_address,
    safe_next,
    sign_in_form,
    start_session_response,
)
from workspace.rendering import render

router = APIRouter()


def _qr(uri: str) -> str:
    """The otpauth link as a QR code, drawn here (nothing fetched): an SVG data URI."""
    return str(segno.make_qr(uri, error="m").svg_data_uri(scale=6, border=2, dark="#000"))


def enrol_page(
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
            return sign_in_form(
                request,
                next_path=next_path,
                typed={},
                errors={},
                problem=t(None, SIGN_IN["enrol_expired"]),
                status_code=400,
            )
        try:
            check = await check_enrolment_attempt(
                session=session,
                now=now,
                user=user,
                address=client_address(request),
                route=page_route(request),
            )
        except SignInThrottledError:
            return sign_in_form(
                request,
                next_path=next_path,
                typed={},
                errors={},
                problem=t(None, SIGN_IN["throttled"]),
                status_code=429,
            )
        if not await use_code(session=session, user=user, code=code, now=now):
            record_failure(session=session, now=now, check=check)
            await session.commit()
            return enrol_page(
                request,
                user,
                ticket,
                next_path,
                errors={"code": t(None, SIGN_IN["enrol_code_wrong"])},
                status_code=422,
            )
        await record_success(session=session, now=now, check=check, user=user)
        secret = await open_web_session(session=session, now=now, user=user)
        audit_login(request, session, user, now)
        await session.commit()
    return start_session_response(request, secret, next_path)
