"""The playground's demo organisation: clearly fictional, seeded idempotently.

The playground (no Telegram token configured) lets a council try Kith before registering a
bot. It needs someone to be nudged: a fictional coordinator whose Telegram chat is the
playground's coordinator pane, and a fictional team manager above them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from models.audit import record_audit
from models.core.enums import ActorKind, Role
from models.staff.accounts import create_organisation, create_user
from models.staff.organisation import Organisation
from models.staff.user import User

DEMO_SLUG = "playground-demo"
DEMO_NAME = "Playground Borough Council (fictional demo)"
DEMO_COORDINATOR_EMAIL = "alex.coordinator@playground.example"
DEMO_COORDINATOR_NAME = "Alex Rivers (fictional demo coordinator)"
DEMO_MANAGER_EMAIL = "jo.manager@playground.example"
DEMO_MANAGER_NAME = "Jo Okafor (fictional demo team manager)"


@dataclass(frozen=True)
class DemoOrganisation:
    organisation_id: int
    coordinator_id: int
    manager_id: int


async def seed_demo(
    *, session: AsyncSession, now: datetime, coordinator_chat_id: int
) -> DemoOrganisation:
    """Create the demo organisation once; (re)link the coordinator's chat every start."""
    organisation = await session.scalar(select(Organisation).where(Organisation.slug == DEMO_SLUG))
    if organisation is None:
        organisation = await create_organisation(
            session=session, now=now, name=DEMO_NAME, slug=DEMO_SLUG
        )
    manager = await _staff(
        session, now, organisation, DEMO_MANAGER_EMAIL, DEMO_MANAGER_NAME, Role.manager, None
    )
    coordinator = await _staff(
        session,
        now,
        organisation,
        DEMO_COORDINATOR_EMAIL,
        DEMO_COORDINATOR_NAME,
        Role.coordinator,
        manager.id,
    )
    # Alex is on duty: a visitor who refers themselves and writes about danger is heard on
    # the coordinator's pane, as a council's duty worker would hear of it.
    coordinator.on_duty = True
    if coordinator.telegram_chat_id != coordinator_chat_id:
        # The playground's chats live in memory: a new run has new chat ids.
        await session.execute(
            update(User)
            .where(User.telegram_chat_id == coordinator_chat_id)
            .values(telegram_chat_id=None)
        )
        coordinator.telegram_chat_id = coordinator_chat_id
        record_audit(
            session=session,
            now=now,
            actor_kind=ActorKind.system,
            action="link_telegram",
            entity="user",
            entity_id=coordinator.id,
            route="playground",
            organisation_id=organisation.id,
        )
    await session.flush()
    return DemoOrganisation(organisation.id, coordinator.id, manager.id)


async def _staff(
    session: AsyncSession,
    now: datetime,
    organisation: Organisation,
    email: str,
    name: str,
    role: Role,
    manager_id: int | None,
) -> User:
    found = await session.scalar(
        select(User).where(User.organisation_id == organisation.id, User.email == email)
    )
    if found is not None:
        return found
    # Nobody logs in as the demo staff with a password: it is random and never shown.
    return await create_user(
        session=session,
        now=now,
        organisation=organisation,
        email=email,
        display_name=name,
        role=role,
        password=secrets.token_urlsafe(24),
        manager_id=manager_id,
    )
