"""An API over a small world of two councils, with a token for each person in it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httpx
import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI

from api.app import ApiContext, create_app
from models.core.enums import Role
from models.staff import passwords
from models.staff.tokens import issue_token
from tests.support import factories


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Still argon2id, with the smallest cost: the suite hashes many passwords."""
    cheap = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    monkeypatch.setattr(passwords, "_hasher", cheap)
    monkeypatch.setattr(passwords, "DUMMY_HASH", cheap.hash("kith-no-such-account-placeholder"))


@dataclass
class World:
    """Northshire: a manager, two coordinators (Cara has Sam, Dan has Jo) and an admin.
    Southshire: a coordinator with Kit, and a manager."""

    ids: dict[str, int] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}


@pytest.fixture
async def world(sessionmaker, clock) -> World:
    now = clock.now()
    built = World()
    async with sessionmaker() as session:
        north = await factories.organisation(session, now, "northshire")
        south = await factories.organisation(session, now, "southshire")
        people = {
            "manager": await factories.user(session, now, north, Role.manager),
            "admin": await factories.user(session, now, north, Role.admin),
            "south": await factories.user(session, now, south, Role.coordinator),
            "south_manager": await factories.user(session, now, south, Role.manager),
        }
        people["cara"] = await factories.user(
            session,
            now,
            north,
            Role.coordinator,
            "cara@example.org",
            manager_id=people["manager"].id,
        )
        people["dan"] = await factories.user(
            session,
            now,
            north,
            Role.coordinator,
            "dan@example.org",
            manager_id=people["manager"].id,
        )
        sam = await factories.young_person(session, now, north, "Sam", people["cara"])
        jo = await factories.young_person(session, now, north, "Jo", people["dan"])
        kit = await factories.young_person(session, now, south, "Kit", people["south"])
        for name, user in people.items():
            built.ids[name] = user.id
            built.tokens[name] = (await issue_token(session=session, now=now, user=user)).plaintext
        built.ids |= {
            "north_org": north.id,
            "south_org": south.id,
            "sam": sam.id,
            "jo": jo.id,
            "kit": kit.id,
        }
        await session.commit()
    return built


@pytest.fixture
def context(sessionmaker, clock) -> ApiContext:
    return ApiContext(
        sessionmaker=sessionmaker, clock=clock, login_slowdown_seconds=0, bot_username="KithTestBot"
    )


@pytest.fixture
def app(context: ApiContext) -> FastAPI:
    return create_app(context)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://kith.test") as http:
        yield http
