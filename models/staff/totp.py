"""The second factor: TOTP (RFC 6238), enrolled by the account holder, checked at every login."""

from __future__ import annotations

import hmac
from datetime import datetime
from typing import Any, cast

import pyotp
from sqlalchemy import CursorResult, func, or_, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from models.core.db import core_table
from models.staff.user import User

ISSUER = "Kith"


class TotpAlreadyEnrolledError(ValueError):
    pass


def start_enrolment(*, user: User) -> str:
    """A fresh secret, held until the first good code confirms it; returns the otpauth URI."""
    if user.totp_enrolled_at is not None:
        raise TotpAlreadyEnrolledError(
            "a second factor is already enrolled for this account: ask an admin to reset it"
        )
    user.totp_secret = pyotp.random_base32()
    return provisioning_uri(user)


def provisioning_uri(user: User) -> str:
    if user.totp_secret is None:
        raise ValueError("no TOTP secret to show")
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


async def use_code(*, session: AsyncSession, user: User, code: str | None, now: datetime) -> bool:
    """True for a current code never used before (one step of drift either way); the first
    good code confirms enrolment.

    The step is stored by compare-and-store, `UPDATE ... WHERE last step < this one`: of
    parallel sign-ins with one code, exactly one changes the row and is let in, on SQLite
    and PostgreSQL alike. The caller commits at once."""
    if user.totp_secret is None or not code:
        return False
    code = code.strip().replace(" ", "")
    if not code.isdigit() or len(code) != 6:
        return False
    step = _matching_step(pyotp.TOTP(user.totp_secret), code, now)
    if step is None:
        return False
    table = core_table(User)
    stored = await session.execute(
        update(table)
        .where(
            table.c.id == user.id,
            table.c.totp_secret.is_not(None),
            or_(table.c.totp_last_step.is_(None), table.c.totp_last_step < step),
        )
        .values(
            totp_last_step=step,
            totp_enrolled_at=func.coalesce(table.c.totp_enrolled_at, now),
        )
    )
    if cast(CursorResult[Any], stored).rowcount != 1:
        return False
    set_committed_value(user, "totp_last_step", step)
    if user.totp_enrolled_at is None:
        set_committed_value(user, "totp_enrolled_at", now)
    return True


def _matching_step(totp: pyotp.TOTP, code: str, now: datetime) -> int | None:
    """The time step (one either side of now, for drift) whose code this is, if any."""
    current = totp.timecode(now)
    for step in (current - 1, current, current + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def reset_totp(*, user: User) -> None:
    user.totp_secret = None
    user.totp_enrolled_at = None
    user.totp_last_step = None
