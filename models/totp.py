"""The second factor: TOTP (RFC 6238), enrolled by the account holder, checked at every login."""

from __future__ import annotations

from datetime import datetime

import pyotp

from models.user import User

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
    """True for a current code (one step of drift either way); confirms a pending enrolment."""
    if user.totp_secret is None or not code:
        return False
    code = code.strip().replace(" ", "")
    if not code.isdigit():
        return False
    if not pyotp.TOTP(user.totp_secret).verify(code, for_time=now, valid_window=1):
        return False
    if user.totp_enrolled_at is None:
        user.totp_enrolled_at = now
    return True


def reset_totp(*, user: User) -> None:
    user.totp_secret = None
    user.totp_enrolled_at = None
