"""One-time, expiring deep-link codes (`/start <code>`): only a hash of the code is stored."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, String, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.core.base import Base, CreatedAt, OrgScoped, str_enum
from models.core.db import add_now
from models.core.enums import InviteKind
from models.core.types import BigId, UTCDateTime


class InviteCode(OrgScoped, CreatedAt, Base):
    __tablename__ = "invite_code"

    kind: Mapped[InviteKind] = mapped_column(str_enum(InviteKind, "invite_kind"), nullable=False)
    code_hash: Mapped[str] = mapped_column(String(128), nullable=False, unique=True)
    young_person_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("young_person.id", ondelete="CASCADE"), nullable=True
    )
    user_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="CASCADE"), nullable=True
    )
    created_by: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True
    )
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


DEFAULT_LIFETIME = timedelta(days=7)
# Telegram deep-link parameters: up to 64 characters of A-Z, a-z, 0-9, _ and -.
CODE_SHAPE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class InviteError(LookupError):
    """An invite code that cannot be used; the subclass says why."""


class UnknownInviteError(InviteError):
    pass


class UsedInviteError(InviteError):
    pass


class ExpiredInviteError(InviteError):
    pass


def hash_code(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


async def create_invite(
    *,
    session: AsyncSession,
    now: datetime,
    organisation_id: int,
    kind: InviteKind,
    young_person_id: int | None = None,
    user_id: int | None = None,
    created_by: int | None = None,
    lifetime: timedelta = DEFAULT_LIFETIME,
) -> tuple[InviteCode, str]:
    """A new invite and its code (the code is shown once and never stored)."""
    if (kind == InviteKind.young_person) != (young_person_id is not None):
        raise ValueError("a young person's invite names the young person, and only it does")
    if (kind == InviteKind.coordinator) != (user_id is not None):
        raise ValueError("a coordinator's chat link names the user, and only it does")
    code = secrets.token_urlsafe(24)
    invite = InviteCode(
        organisation_id=organisation_id,
        kind=kind,
        code_hash=hash_code(code),
        young_person_id=young_person_id,
        user_id=user_id,
        created_by=created_by,
        expires_at=now + lifetime,
        created_at=now,
    )
    await add_now(session, invite)
    return invite, code


async def consume_invite(*, session: AsyncSession, now: datetime, code: str) -> InviteCode:
    """Mark the invite used, or say precisely why it cannot be (unknown, used, expired)."""
    if not CODE_SHAPE.match(code):
        raise UnknownInviteError("that is not an invite code")
    invite = await session.scalar(
        select(InviteCode).where(InviteCode.code_hash == hash_code(code)).with_for_update()
    )
    if invite is None:
        raise UnknownInviteError("no invite has that code")
    if invite.used_at is not None:
        raise UsedInviteError(f"invite {invite.id} was already used")
    if invite.expires_at <= now:
        raise ExpiredInviteError(f"invite {invite.id} expired")
    # A conditional write, so two chats racing for one code cannot both win, even on SQLite
    # (which ignores FOR UPDATE): only the write that finds it unused changes a row.
    claimed = await session.execute(
        update(InviteCode)
        .where(InviteCode.id == invite.id, InviteCode.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if getattr(claimed, "rowcount", 0) != 1:
        raise UsedInviteError(f"invite {invite.id} was already used")
    # Also through the ORM, so a savepoint rolled back (peek_invite) restores the object too.
    invite.used_at = now
    await session.flush()
    return invite
