"""Building a small world for tests through `models/` rules, never raw SQL."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from models import Organisation, User, YoungPerson
from models.core.enums import Cohort, Role
from models.staff.accounts import create_organisation, create_user

PASSWORD = "correct horse battery staple"


async def organisation(
    session: AsyncSession, now: datetime, slug: str = "northshire"
) -> Organisation:
    return await create_organisation(
        session=session, now=now, name=f"{slug.title()} Council (fictional)", slug=slug
    )


async def user(
    session: AsyncSession,
    now: datetime,
    org: Organisation,
    role: Role = Role.coordinator,
    email: str | None = None,
    manager_id: int | None = None,
) -> User:
    return await create_user(
        session=session,
        now=now,
        organisation=org,
        email=email or f"{role.value}.{org.slug}@example.org",
        display_name=f"{role.value.title()} of {org.slug}",
        role=role,
        password=PASSWORD,
        manager_id=manager_id,
    )


async def young_person(
    session: AsyncSession,
    now: datetime,
    org: Organisation,
    name: str = "Sam",
    coordinator: User | None = None,
    cohort: Cohort = Cohort.in_care,
    age: int = 14,
) -> YoungPerson:
    person = YoungPerson(
        organisation_id=org.id,
        preferred_name=name,
        cohort=cohort,
        age_at_referral=age,
        coordinator_id=coordinator.id if coordinator else None,
        created_at=now,
    )
    session.add(person)
    await session.flush()
    return person
