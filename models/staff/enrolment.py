"""Checking a staff member's password at sign-in: throttled, slowed and logged, for every way in.

The API's token route and the workspace's sign-in page both call `check_password`, so one rule
decides: the email typed is counted whether or not such an account exists, a missing account is
checked against a real hash (timing tells nothing), and a refused or wrong attempt is recorded.
The second factor is checked after, with `models.staff.totp.check_code`.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models.core import crypto
from models.staff import passwords
from models.staff.throttling import SLOW_AFTER, login_throttle, record_login_attempt
from models.staff.user import User

MAX_SLOWDOWN_SECONDS = 3.0
# How long the page that shows the QR code may wait for the first code from the new app.
ENROLMENT_TICKET_LIFETIME = timedelta(minutes=10)
_TICKET = "totp-enrolment"


class SignInThrottledError(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__("too many failed sign-ins for this account or address")
        self.retry_after = retry_after


@dataclass(frozen=True)
class PasswordCheck:
    email: str  # as counted: trimmed and lower-cased
    user: User | None  # None when the email or password is wrong, or the account is disabled


async def check_password(
    *,
    session: AsyncSession,
    now: datetime,
    email: str,
    password: str,
    address: str,
    slowdown_seconds: float = 0.0,
) -> PasswordCheck:
    """The account if the password is right. Raises SignInThrottledError (the refusal is
    recorded and committed by the caller). A wrong password is not yet recorded: call
    `record_failure` once the whole attempt (with its code) has failed."""
    email = email.strip().lower()
    throttle = await login_throttle(session=session, now=now, email=email, address=address)
    if throttle.refused:
        record_login_attempt(
            session=session, now=now, email=email, address=address, succeeded=False
        )
        raise SignInThrottledError(throttle.retry_after)
    if throttle.slowed and slowdown_seconds > 0:
        extra = throttle.failures - SLOW_AFTER + 1
        await asyncio.sleep(min(MAX_SLOWDOWN_SECONDS, slowdown_seconds * extra))
    user = await session.scalar(select(User).where(User.email == email))
    stored = user.password_hash if user is not None else passwords.DUMMY_HASH
    password_ok = await asyncio.to_thread(passwords.verify_password, stored, password)
    if user is None or not user.is_active or not password_ok:
        return PasswordCheck(email, None)
    return PasswordCheck(email, user)


def record_failure(*, session: AsyncSession, now: datetime, email: str, address: str) -> None:
    record_login_attempt(session=session, now=now, email=email, address=address, succeeded=False)


def record_success(*, session: AsyncSession, now: datetime, email: str, address: str) -> None:
    record_login_attempt(session=session, now=now, email=email, address=address, succeeded=True)


def enrolment_ticket(*, user: User, now: datetime) -> str:
    """Sealed proof that this person's password was right a moment ago, for the page that
    shows the QR code and waits for the first code (the password is never carried)."""
    expires = (now + ENROLMENT_TICKET_LIFETIME).isoformat()
    return crypto.encrypt(f"{_TICKET}|{user.id}|{expires}")


async def user_for_enrolment_ticket(
    *, session: AsyncSession, now: datetime, ticket: str
) -> User | None:
    """The person a live ticket names, or None (expired, forged, or account disabled)."""
    try:
        kind, user_id, expires = crypto.decrypt(ticket).split("|")
    except (crypto.UndecryptableError, ValueError):
        return None
    if kind != _TICKET or datetime.fromisoformat(expires) <= now:
        return None
    user = await session.get(User, int(user_id))
    if user is None or not user.is_active:
        return None
    return user
