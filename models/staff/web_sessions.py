"""Staff sessions in the workspace: a sign-in token (models.staff.tokens) that also ends when
left idle, and the CSRF token its forms carry.

The browser holds the token's secret in an HttpOnly cookie; the database holds only its hash
(as for API tokens) and when it was last used. A session idle past the timeout is revoked,
so a computer left open in an office does not stay signed in for the whole working day.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.core.base import Base, IdMixin
from models.core.types import BigId, UTCDateTime
from models.staff.organisation import Organisation
from models.staff.tokens import (
    TokenRefusedError,
    issue_token,
    resolve_token,
    revoke_token,
    token_and_user,
)
from models.staff.user import User

# Writing "last seen" on every page would make every read a write: once a minute is enough.
TOUCH_EVERY = timedelta(minutes=1)


class WebSession(IdMixin, Base):
    """The workspace side of a sign-in token: when it was last used."""

    __tablename__ = "web_session"

    api_token_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("api_token.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class SessionEndedError(LookupError):
    """No live session; `reason` is 'idle' when it timed out, else 'signed_out'."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


async def open_web_session(*, session: AsyncSession, now: datetime, user: User) -> str:
    """A new session for `user`; returns the secret for the cookie (never stored)."""
    issued = await issue_token(session=session, now=now, user=user)
    session.add(WebSession(api_token_id=issued.token.id, last_seen_at=now))
    await session.flush()
    return issued.plaintext


async def resume_web_session(
    *, session: AsyncSession, now: datetime, secret: str, idle_timeout: timedelta
) -> User:
    """The active user behind the cookie; an idle session is revoked on the spot."""
    try:
        user, token = await resolve_token(session=session, now=now, plaintext=secret)
    except TokenRefusedError:
        raise SessionEndedError("signed_out") from None
    web = await session.scalar(select(WebSession).where(WebSession.api_token_id == token.id))
    if web is None:
        # An API bearer token pasted into a cookie is not a workspace session.
        raise SessionEndedError("signed_out")
    if now - web.last_seen_at > idle_timeout:
        revoke_token(token=token, now=now)
        raise SessionEndedError("idle")
    if now - web.last_seen_at >= TOUCH_EVERY:
        web.last_seen_at = now
    return user


async def close_web_session(*, session: AsyncSession, now: datetime, secret: str) -> User | None:
    """Sign out: the token stops working at once. Returns whose it was, if it was live."""
    row = await token_and_user(session=session, plaintext=secret)
    if row is None:
        return None
    token, user = row
    revoke_token(token=token, now=now)
    return user


def csrf_token(secret: str) -> str:
    """Derived from the session's secret, which a page on another site cannot read."""
    return hmac.new(secret.encode(), b"kith-workspace-csrf", hashlib.sha256).hexdigest()


async def active_account(
    *, session: AsyncSession, email: str, organisation_slug: str
) -> User | None:
    """The active account with this email in this organisation (the playground's demo
    coordinator signs in so: never an account of the same email in a real council)."""
    user = await session.scalar(
        select(User)
        .join(Organisation, Organisation.id == User.organisation_id)
        .where(User.email == email.strip().lower(), Organisation.slug == organisation_slug)
    )
    return user if user is not None and user.is_active else None
