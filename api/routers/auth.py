"""Signing in and out: password, then the second factor, then a token for one working day."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from sqlalchemy.ext.asyncio import AsyncSession

from api.context import ApiContext
from api.deps import Audit, ContextDep, CurrentToken, Now, SessionDep, route_name
from api.problems import ApiError
from api.schemas.auth import TokenRead, TotpEnrolmentRead
from models.audit import record_audit
from models.core.enums import ActorKind
from models.staff.signing_in import (
    PasswordCheck,
    SignInThrottledError,
    check_password,
    record_failure,
    record_success,
    second_factor,
)
from models.staff.tokens import issue_token, revoke_token
from models.staff.totp import TotpAlreadyEnrolledError, start_enrolment

log = logging.getLogger("kith.api.auth")
router = APIRouter(prefix="/auth", tags=["auth"])

WRONG = "the email, password or code is wrong"
AMBIGUOUS = (
    "this email and password open accounts in more than one council: "
    "say which in `organisation` (its slug)"
)
Username = Annotated[str, Form(min_length=1, max_length=254, description="Your email address")]
PasswordForm = Annotated[str, Form(min_length=1, max_length=200)]
OrganisationForm = Annotated[
    str | None,
    Form(
        max_length=64,
        pattern=r"^[a-z0-9][a-z0-9-]{1,62}$",
        description="Your council's slug: needed only when your email has accounts in several",
    ),
]


def client_address(request: Request) -> str:
    """Who is signing in: the client a trusted proxy names (KITH_TRUSTED_PROXIES)."""
    return request.client.host if request.client else "unknown"


async def _checked_password(
    request: Request,
    session: AsyncSession,
    context: ApiContext,
    email: str,
    password: str,
    organisation: str | None,
) -> PasswordCheck:
    """The accounts the password opens; throttled, slowed and logged either way."""
    address = client_address(request)
    try:
        return await check_password(
            session=session,
            now=context.clock.now(),
            email=email,
            password=password,
            address=address,
            route=route_name(request),
            organisation=organisation,
            slowdown_seconds=context.login_slowdown_seconds,
        )
    except SignInThrottledError as refused:
        # models.staff.signing_in wrote the refusal to the audit trail (by account).
        request.state.audited = True
        log.warning("sign-in refused (%s) for %r from %s", refused.outcome.value, email, address)
        request.app.state.metrics.logins.labels("throttled").inc()
        raise ApiError(
            429,
            "too many failed sign-ins for this account or address: try again in 15 minutes",
            headers={"Retry-After": str(refused.retry_after)},
        ) from None


async def _failed(
    request: Request, session: AsyncSession, context: ApiContext, check: PasswordCheck
) -> None:
    record_failure(session=session, now=context.clock.now(), check=check)
    await session.commit()
    request.state.audited = True  # by account, on each council's trail
    log.info("sign-in failed for %r from %s", check.email, check.address)
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
    organisation: OrganisationForm = None,
) -> TokenRead:
    """Exchange email, password and TOTP code for a bearer token good for one working day.

    The first good code after enrolment confirms the enrolment.
    """
    check = await _checked_password(request, session, context, username, password, organisation)
    if context.require_totp:
        if check.matched and all(account.totp_secret is None for account in check.matched):
            await _failed(request, session, context, check)
            raise ApiError(
                401, "this account has no second factor yet: enrol at POST /v1/auth/totp/enrol"
            )
        user = await second_factor(session=session, now=now, check=check, code=totp_code)
    else:
        user = check.user
        if len(check.matched) > 1:
            await _failed(request, session, context, check)
            raise ApiError(401, AMBIGUOUS, headers={"WWW-Authenticate": "Bearer"})
    if user is None:
        await _failed(request, session, context, check)
        raise ApiError(401, WRONG, headers={"WWW-Authenticate": "Bearer"})
    await record_success(session=session, now=now, check=check, user=user)
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
    log.info("signed in: user %s from %s", user.id, check.address)
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
    organisation: OrganisationForm = None,
) -> TotpEnrolmentRead:
    """Start TOTP enrolment with email and password; the first good code at sign-in confirms it."""
    check = await _checked_password(request, session, context, username, password, organisation)
    if not check.matched:
        await _failed(request, session, context, check)
        raise ApiError(401, "the email or password is wrong")
    waiting = [account for account in check.matched if account.totp_enrolled_at is None]
    if len(waiting) > 1:
        raise ApiError(422, AMBIGUOUS)
    try:
        user = waiting[0] if waiting else check.matched[0]
        uri = start_enrolment(user=user)
    except TotpAlreadyEnrolledError as exc:
        raise ApiError(409, str(exc)) from None
    await record_success(session=session, now=now, check=check, user=user)
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
