"""The second factor: TOTP (RFC 6238), enrolled by the account holder, checked at every login."""

from __future__ import annotations

import hmac
from datetime import datetime

import pyotp

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


def check_code(*, user: User, code: str | None, now: datetime) -> bool:
    """True for a current, unused code (one step of drift either way); confirms enrolment."""
    if user.totp_secret is None or not code:
        return False
    code = code.strip().replace(" ", "")
    if not code.isdigit():
        return False
    totp = pyotp.TOTP(user.totp_secret)
    step = _matching_step(totp, code, now)
    if step is None or (user.totp_last_step is not None and step <= user.totp_last_step):
        return False
    user.totp_last_step = step
    if user.totp_enrolled_at is None:
        user.totp_enrolled_at = now
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
