"""Enrolling the second factor in the workspace: a sealed ticket proves, to the page that
shows the QR code, that this person's password was right a moment ago (models.staff.signing_in
checked it)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from models.core import crypto
from models.staff.user import User

# How long the page that shows the QR code may wait for the first code from the new app.
ENROLMENT_TICKET_LIFETIME = timedelta(minutes=10)
_TICKET = "totp-enrolment"


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
