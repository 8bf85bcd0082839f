"""Invite codes: one-time, expiring deep-link codes for the bot, stored only as a hash.

A young person's invite links their Telegram chat to their record; a coordinator's links
their chat so nudges reach them. The API creates them, the bot consumes them.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from models.enums import InviteKind
from models.invite import InviteCode
from models.tokens import hash_secret

YOUNG_PERSON_INVITE_TTL = timedelta(days=7)
COORDINATOR_LINK_TTL = timedelta(hours=1)


class InviteError(LookupError):
    """A code that cannot be used; the subclasses say why, so the bot can explain kindly."""


class InviteUnknownError(InviteError):
    pass


class InviteUsedError(InviteError):
    pass


class InviteExpiredError(InviteError):
    pass


def deep_link(bot_username: str, code: str) -> str:
    return f"https://t.me/{bot_username}?start={code}"


async def create_invite(
    *,
    session: AsyncSession,
    now: datetime,
    organisation_id: int,
    kind: InviteKind,
    young_person_id: int | None = None,
    user_id: int | None = None,
    created_by: int | None,
    ttl: timedelta,
) -> tuple[InviteCode, str]:
    """A new code (Telegram's start parameter allows 64 of A-Z a-z 0-9 _ -): row and plaintext."""
    if kind == InviteKind.young_person and young_person_id is None:
        raise ValueError("a young person's invite needs young_person_id")
    if kind == InviteKind.coordinator and user_id is None:
        raise ValueError("a coordinator's link needs user_id")
    code = secrets.token_urlsafe(24)
    invite = InviteCode(
        organisation_id=organisation_id,
        kind=kind,
        code_hash=hash_secret(code),
        young_person_id=young_person_id,
        user_id=user_id,
        created_by=created_by,
        expires_at=now + ttl,
        created_at=now,
    )
    session.add(invite)
    await session.flush()
    return invite, code


async def consume_invite(*, session: AsyncSession, now: datetime, code: str) -> InviteCode:
    """Mark the code used and return it, or raise why it cannot be used."""
    invite = await session.scalar(
        select(InviteCode).where(InviteCode.code_hash == hash_secret(code.strip()))
    )
    if invite is None:
        raise InviteUnknownError("this code is not known")
    if invite.used_at is not None:
        raise InviteUsedError("this code has already been used")
    if invite.expires_at <= now:
        raise InviteExpiredError("this code has expired")
    # Claimed with a conditional update, so two chats racing for one code cannot both win.
    claimed = await session.execute(
        update(InviteCode)
        .where(InviteCode.id == invite.id, InviteCode.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise InviteUsedError("this code has already been used")
    await session.refresh(invite)
    return invite
