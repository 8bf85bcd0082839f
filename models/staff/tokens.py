"""API bearer tokens: opaque, random, stored only as a hash, and good for one working day."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, String, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.core.base import Base, CreatedAt, OrgScoped
from models.core.db import add_now
from models.core.types import BigId, UTCDateTime
from models.staff.user import User


class ApiToken(OrgScoped, CreatedAt, Base):
    """An opaque bearer token, stored only as a hash."""

    __tablename__ = "api_token"

    user_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="CASCADE"), nullable=False, index=True
    )
    token_hash: Mapped[str] = mapped_column(String(128), nullable=False, unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


# A working day: a token taken at 08:30 stops working by late afternoon's end.
TOKEN_LIFETIME = timedelta(hours=9)
_PREFIX = "kith_"


class TokenRefusedError(LookupError):
    """Unknown, expired, revoked, or its account disabled: all read alike to the caller."""


@dataclass(frozen=True)
class IssuedToken:
    plaintext: str
    token: ApiToken


def hash_secret(secret: str) -> str:
    """SHA-256 is enough here: the secret is 256 random bits, not a password to guess."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


async def issue_token(*, session: AsyncSession, now: datetime, user: User) -> IssuedToken:
    plaintext = _PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        organisation_id=user.organisation_id,
        user_id=user.id,
        token_hash=hash_secret(plaintext),
        expires_at=now + TOKEN_LIFETIME,
        created_at=now,
    )
    await add_now(session, token)
    return IssuedToken(plaintext=plaintext, token=token)


async def token_and_user(*, session: AsyncSession, plaintext: str) -> tuple[ApiToken, User] | None:
    """The token row with this secret and its account, whatever their state (only its hash
    is stored)."""
    row = (
        await session.execute(
            select(ApiToken, User)
            .join(User, User.id == ApiToken.user_id)
            .where(ApiToken.token_hash == hash_secret(plaintext))
        )
    ).first()
    return None if row is None else (row[0], row[1])


async def resolve_token(
    *, session: AsyncSession, now: datetime, plaintext: str
) -> tuple[User, ApiToken]:
    """The active user behind a bearer token, or TokenRefusedError."""
    if not plaintext.startswith(_PREFIX) or len(plaintext) > 200:
        raise TokenRefusedError("not a Kith token")
    row = await token_and_user(session=session, plaintext=plaintext)
    if row is None:
        raise TokenRefusedError("unknown token")
    token, user = row
    if token.revoked_at is not None:
        raise TokenRefusedError("revoked token")
    if token.expires_at <= now:
        raise TokenRefusedError("expired token")
    if not user.is_active:
        raise TokenRefusedError("disabled account")
    return user, token


def revoke_token(*, token: ApiToken, now: datetime) -> None:
    if token.revoked_at is None:
        token.revoked_at = now


async def revoke_all_tokens(*, session: AsyncSession, now: datetime, user_id: int) -> None:
    """When an account is disabled or reset, every token it holds stops at once."""
    await session.execute(
        update(ApiToken)
        .where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
