"""Creating organisations and staff accounts (the CLI and the admin API share these)."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.core.db import add_now
from models.core.enums import Role
from models.staff.organisation import Organisation
from models.staff.passwords import hash_password
from models.staff.user import User

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class AccountError(ValueError):
    pass


def is_email(text: str) -> bool:
    """The one rule for what an account's email looks like (the API and workspace ask it)."""
    return bool(EMAIL.match(text.strip().lower()))


async def organisation_by_slug(*, session: AsyncSession, slug: str) -> Organisation:
    """The organisation a command names by its slug, or AccountError saying there is none."""
    organisation = await session.scalar(select(Organisation).where(Organisation.slug == slug))
    if organisation is None:
        raise AccountError(f"no organisation with slug '{slug}'")
    return organisation


async def create_organisation(
    *, session: AsyncSession, now: datetime, name: str, slug: str, **settings: object
) -> Organisation:
    if not SLUG.match(slug):
        raise AccountError(f"'{slug}' is not a slug: use lower-case letters, digits and dashes")
    if await session.scalar(select(Organisation.id).where(Organisation.slug == slug)):
        raise AccountError(f"an organisation with slug '{slug}' already exists")
    if not name.strip():
        raise AccountError("an organisation needs a name")
    organisation = Organisation(name=name.strip(), slug=slug, created_at=now, **settings)
    return await add_now(session, organisation)


async def create_user(
    *,
    session: AsyncSession,
    now: datetime,
    organisation: Organisation,
    email: str,
    display_name: str,
    role: Role,
    password: str,
    manager_id: int | None = None,
) -> User:
    email = email.strip().lower()
    if not is_email(email):
        raise AccountError(f"'{email}' is not an email address")
    taken = await session.scalar(
        select(func.count()).where(User.organisation_id == organisation.id, User.email == email)
    )
    if taken:
        raise AccountError(f"an account for '{email}' already exists in this organisation")
    user = User(
        organisation_id=organisation.id,
        email=email,
        display_name=display_name.strip() or email,
        role=role,
        password_hash=hash_password(password, email=email),
        manager_id=manager_id,
        created_at=now,
    )
    return await add_now(session, user)
