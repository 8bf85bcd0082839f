"""Signing in and out: password, then the second factor, then a token for one working day."""

from __future__ import annotations

import asyncio
import logging
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.context import ApiContext
from api.deps import Audit, ContextDep, CurrentToken, Now, SessionDep, route_name
from api.problems import ApiError
from api.schemas.auth import TokenRead, TotpEnrolmentRead
from models.audit import record_audit
from models.core.enums import ActorKind
from models.staff import passwords
from models.staff.throttling import SLOW_AFTER, login_throttle, record_login_attempt
from models.staff.tokens import issue_token, revoke_token
from models.staff.totp import TotpAlreadyEnrolledError, check_code, start_enrolment
from models.staff.user import User

log = logging.getLogger("kith.api.auth")
router = APIRouter(prefix="/auth", tags=["auth"])

WRONG = "the email, password or code is wrong"
Username = Annotated[str, Form(min_length=1, max_length=254, description="Your email address")]
PasswordForm = Annotated[str, Form(min_length=1, max_length=200)]


def client_address(request: Request) -> str:
    """Who is signing in: the client a trusted proxy names (KITH_TRUSTED_PROXIES)."""
    return request.client.host if request.client else "unknown"


async def _checked_password(
    request: Request, session: AsyncSession, context: ApiContext, email: str, password: str
) -> User | None:
    """The account if the password is right; throttled, slowed and logged either way."""
    address = client_address(request)
    throttle = await login_throttle(
        session=session, now=context.clock.now(), email=email, address=address
    )
    if throttle.refused:
        record_login_attempt(
            session=session, now=context.clock.now(), email=email, address=address, succeeded=False
        )
        await session.commit()
        log.warning("sign-in refused (throttled) for %r from %s", email, address)
        request.app.state.metrics.logins.labels("throttled").inc()
        raise ApiError(
            429,
            "too many failed sign-ins for this account or address: try again in 15 minutes",
            headers={"Retry-After": str(throttle.retry_after)},
        )
    if throttle.slowed and context.login_slowdown_seconds > 0:
        extra = throttle.failures - SLOW_AFTER + 1
        await asyncio.sleep(min(3.0, context.login_slowdown_seconds * extra))
    user = await session.scalar(select(User).where(User.email == email))
    # Verify against a real hash even when there is no account, so timing tells nothing.
    stored = user.password_hash if user is not None else passwords.DUMMY_HASH
    password_ok = await asyncio.to_thread(passwords.verify_password, stored, password)
    if user is None or not user.is_active or not password_ok:
        return None
    return user


def _failed(request: Request, session: AsyncSession, context: ApiContext, email: str) -> None:
    address = client_address(request)
    record_login_attempt(
        session=session, now=context.clock.now(), email=email, address=address, succeeded=False
    )
    log.info("sign-in failed for %r from %s", email, address)
    request.app.state.metrics.logins.labels("failed").inc()


@router.post(
    "/token",
    summary="Sign in (OAuth2 password flow, with the TOTP code)",
    response_model=TokenRead,
    responses={
        401: {"description": "Wrong email, password or code (never says which)"},
        429: {"description": "Too many failed sign-ins for this account or address"},
    },
)
async def sign_in(
    request: Request,
    session: SessionDep,
    now: Now,
    context: ContextDep,
    username: Username,
    password: PasswordForm,
    totp_code: Annotated[
        str | None, Form(max_length=10, description="The 6 digits from your authenticator app")
    ] = None,
    grant_type: Annotated[str | None, Form(pattern="^password$")] = None,
) -> TokenRead:
    """Exchange email, password and TOTP code for a bearer token good for one working day.

    The first good code after enrolment confirms the enrolment.
    """
    email = username.strip().lower()
    user = await _checked_password(request, session, context, email, password)
    if user is not None and context.require_totp:
        if user.totp_secret is None:
            _failed(request, session, context, email)
            await session.commit()
            raise ApiError(
                401, "this account has no second factor yet: enrol at POST /v1/auth/totp/enrol"
            )
        if not check_code(user=user, code=totp_code, now=now):
            user = None
    if user is None:
        _failed(request, session, context, email)
        await session.commit()
        raise ApiError(401, WRONG, headers={"WWW-Authenticate": "Bearer"})
    address = client_address(request)
    record_login_attempt(session=session, now=now, email=email, address=address, succeeded=True)
    issued = await issue_token(session=session, now=now, user=user)
    # Not the Audit dependency: it needs a bearer token, and here the password found the user.
    record_audit(
        session=session,
        now=now,
        actor_kind=ActorKind.user,
        actor_user_id=user.id,
        organisation_id=user.organisation_id,
        action="login",
        entity="user",
        entity_id=user.id,
        route=route_name(request),
    )
    await session.commit()
    log.info("signed in: user %s from %s", user.id, address)
    request.app.state.metrics.logins.labels("succeeded").inc()
    return TokenRead(access_token=issued.plaintext, expires_at=issued.token.expires_at)


@router.post(
    "/totp/enrol",
    summary="Enrol the second factor",
    response_model=TotpEnrolmentRead,
    responses={
        401: {"description": "Wrong email or password"},
        409: {"description": "Already enrolled: an admin must reset it"},
        429: {"description": "Too many failed sign-ins"},
    },
)
async def enrol_totp(
    request: Request,
    session: SessionDep,
    now: Now,
    context: ContextDep,
    username: Username,
    password: PasswordForm,
) -> TotpEnrolmentRead:
    """Start TOTP enrolment with email and password; the first good code at sign-in confirms it."""
    email = username.strip().lower()
    user = await _checked_password(request, session, context, email, password)
    if user is None:
        _failed(request, session, context, email)
        await session.commit()
        raise ApiError(401, "the email or password is wrong")
    try:
        uri = start_enrolment(user=user)
    except TotpAlreadyEnrolledError as exc:
        raise ApiError(409, str(exc)) from None
    # Not the Audit dependency: it needs a bearer token, and here the password found the user.
    record_audit(
        session=session,
        now=now,
        actor_kind=ActorKind.user,
        actor_user_id=user.id,
        organisation_id=user.organisation_id,
        action="update",
        entity="user",
        entity_id=user.id,
        route=route_name(request),
    )
    await session.commit()
    return TotpEnrolmentRead(secret=user.totp_secret or "", otpauth_uri=uri)


@router.post(
    "/logout", summary="Sign out (revoke this token)", status_code=204, response_class=Response
)
async def sign_out(session: SessionDep, now: Now, token: CurrentToken, audit: Audit) -> Response:
    """The token stops working at once."""
    user, api_token = token
    revoke_token(token=api_token, now=now)
    audit("logout", "user", user.id)
    await session.commit()
    return Response(status_code=204)
