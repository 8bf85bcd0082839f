"""An admin managing their council's staff accounts: disabling (and enabling) an account and
resetting its second factor. Each stops the account's tokens and sessions at once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models.staff.tokens import revoke_all_tokens
from models.staff.totp import reset_totp
from models.staff.user import User


class SelfChangeError(ValueError):
    """An admin may not disable their own account (nobody would be left to undo it)."""


async def staff_of(*, session: AsyncSession, organisation_id: int) -> list[User]:
    rows = await session.scalars(
        select(User).where(User.organisation_id == organisation_id).order_by(User.display_name)
    )
    return list(rows)


async def disable_account(*, session: AsyncSession, now: datetime, admin: User, user: User) -> None:
    if user.id == admin.id:
        raise SelfChangeError("you cannot disable your own account")
    if user.disabled_at is None:
        user.disabled_at = now
        await revoke_all_tokens(session=session, now=now, user_id=user.id)


def enable_account(*, user: User) -> None:
    user.disabled_at = None


async def reset_second_factor(*, session: AsyncSession, now: datetime, user: User) -> None:
    """They enrol a new authenticator app at their next sign-in; signed out everywhere now."""
    reset_totp(user=user)
    await revoke_all_tokens(session=session, now=now, user_id=user.id)
