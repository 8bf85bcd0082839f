"""Kith running as `kith run` does (API, workspace, bot, scheduler, playground sandbox), with
a small council of its demo organisation for the workspace's browser tests."""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.sandbox.server import bind, serving
from bot.sandbox.world import BotWorld, Person
from kith.demo.playground import DEMO_COORDINATOR_EMAIL, DEMO_MANAGER_EMAIL, DEMO_SLUG
from kith.runtime import build_runtime
from kith.settings import load_settings
from kith.system import System
from models.core.enums import (
    Closeness,
    Cohort,
    ConnectionCategory,
    NamedBy,
    ReferralSource,
    Role,
)
from models.network.tracing import add_connection
from models.referrals.intake import create_referral
from models.staff.accounts import create_user
from models.staff.organisation import Organisation
from models.staff.passwords import hash_password
from models.staff.user import User
from models.young_people.young_person import YoungPerson
from tests.chat.fixtures import TEST_KEY
from tests.support.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
ADMIN_EMAIL = "ada.admin@playground.example"


@dataclass
class Running:
    url: str  # the workspace, e.g. http://127.0.0.1:PORT/workspace
    world: BotWorld
    sam: Person
    ids: dict[str, int] = field(default_factory=dict)


def axe_source() -> str:
    if not AXE.exists():
        reason = "axe-core is missing (scripts/test.sh installs it with npm into .cache/axe)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return AXE.read_text()


async def _council(sessionmaker, now, world: BotWorld) -> tuple[Person, dict[str, int]]:
    sam_chat = world.create_user("Sam")
    async with sessionmaker.begin() as session:
        org = await session.scalar(select(Organisation).where(Organisation.slug == DEMO_SLUG))
        assert org is not None
        staff = {
            u.email: u
            for u in await session.scalars(select(User).where(User.organisation_id == org.id))
        }
        known = hash_password(PASSWORD)
        for email in (DEMO_COORDINATOR_EMAIL, DEMO_MANAGER_EMAIL):
            staff[email].password_hash = known
        admin = await create_user(
            session=session,
            now=now,
            organisation=org,
            email=ADMIN_EMAIL,
            display_name="Ada Admin (fictional)",
            role=Role.admin,
            password=PASSWORD,
        )
        coordinator = staff[DEMO_COORDINATOR_EMAIL]
        sam = YoungPerson(
            organisation_id=org.id,
            preferred_name="Sam",
            cohort=Cohort.in_care,
            age_at_referral=14,
            coordinator_id=coordinator.id,
            telegram_chat_id=sam_chat.id,
            created_at=now,
        )
        jo = YoungPerson(
            organisation_id=org.id,
            preferred_name="Jo",
            cohort=Cohort.care_leaver,
            age_at_referral=17,
            created_at=now,
        )
        session.add_all([sam, jo])
        await session.flush()
        aunt = await add_connection(
            session=session,
            now=now,
            young_person=sam,
            name="Aunt Bea Jones",
            relationship_label="aunt",
            category=ConnectionCategory.family,
            named_by=NamedBy.young_person,
            closeness=Closeness.inner,
        )
        referral = await create_referral(
            session=session,
            now=now,
            organisation=org,
            young_person=jo,
            source=ReferralSource.social_worker,
        )
        return sam_chat, {
            "sam": sam.id,
            "jo": jo.id,
            "aunt": aunt.id,
            "referral": referral.id,
            "coordinator": coordinator.id,
            "manager": staff[DEMO_MANAGER_EMAIL].id,
            "admin": admin.id,
        }


async def running_kith(database_url, sessionmaker, clock) -> AsyncIterator[Running]:
    sock = bind()
    port = sock.getsockname()[1]
    settings = load_settings(
        _env_file=None,
        environment="test",
        database_url=database_url,
        encryption_keys=TEST_KEY,
        port=port,
    )
    runtime = build_runtime(
        System(settings, sessionmaker.kw["bind"], sessionmaker, clock), playground_port=0
    )
    assert runtime.playground is not None
    async with serving(runtime.app, sock):
        sam, ids = await _council(sessionmaker, clock.now(), runtime.playground.world)
        yield Running(
            url=f"http://127.0.0.1:{port}/workspace",
            world=runtime.playground.world,
            sam=sam,
            ids=ids,
        )


def js(value: object) -> str:
    return json.dumps(value)
