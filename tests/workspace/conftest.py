"""The workspace in a test: mounted at /workspace inside a parent app (as `kith run` does),
driven by an HTTP client that keeps cookies like a browser, over a small council."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta

import httpx
import pyotp
import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI

from models.core.clock import ManualClock
from models.core.enums import Role
from models.staff import passwords
from tests.support import factories
from workspace.app import create_workspace
from workspace.context import WorkspaceContext

BASE = "http://kith.test"
PASSWORD = factories.PASSWORD


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    cheap = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    monkeypatch.setattr(passwords, "_hasher", cheap)
    monkeypatch.setattr(passwords, "DUMMY_HASH", cheap.hash("kith-no-such-account-placeholder"))


@dataclass
class Council:
    """Northshire: Cara (coordinator of Sam), Dan (coordinator of Jo), Maya the manager and
    Ada the admin. Southshire: Kit and their coordinator."""

    ids: dict[str, int] = field(default_factory=dict)
    emails: dict[str, str] = field(default_factory=dict)


@pytest.fixture
async def council(sessionmaker, clock: ManualClock) -> Council:
    now = clock.now()
    built = Council()
    async with sessionmaker() as session:
        north = await factories.organisation(session, now, "northshire")
        south = await factories.organisation(session, now, "southshire")
        maya = await factories.user(session, now, north, Role.manager, "maya@north.example")
        ada = await factories.user(session, now, north, Role.admin, "ada@north.example")
        cara = await factories.user(
            session, now, north, Role.coordinator, "cara@north.example", manager_id=maya.id
        )
        dan = await factories.user(
            session, now, north, Role.coordinator, "dan@north.example", manager_id=maya.id
        )
        south_coordinator = await factories.user(
            session, now, south, Role.coordinator, "sol@south.example"
        )
        sam = await factories.young_person(session, now, north, "Sam", cara)
        jo = await factories.young_person(session, now, north, "Jo", dan)
        kit = await factories.young_person(session, now, south, "Kit", south_coordinator)
        for name, user in {
            "maya": maya,
            "ada": ada,
            "cara": cara,
            "dan": dan,
            "sol": south_coordinator,
        }.items():
            built.ids[name] = user.id
            built.emails[name] = user.email
        built.ids |= {
            "north": north.id,
            "south": south.id,
            "sam": sam.id,
            "jo": jo.id,
            "kit": kit.id,
        }
        await session.commit()
    return built


def workspace_app(sessionmaker, clock: ManualClock, **options: object) -> FastAPI:
    parent = FastAPI()
    context = WorkspaceContext(
        sessionmaker=sessionmaker,
        clock=clock,
        secure_cookies=False,
        login_slowdown_seconds=0,
        **options,  # type: ignore[arg-type]
    )
    parent.mount("/workspace", create_workspace(context))
    return parent


@pytest.fixture
async def browser(sessionmaker, clock: ManualClock) -> AsyncIterator[httpx.AsyncClient]:
    app = workspace_app(sessionmaker, clock)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url=BASE, follow_redirects=True
    ) as client:
        yield client


def hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, f"no hidden field {name!r} on the page"
    return found.group(1)


class Desk:
    """One person at their browser: signs in (enrolling the app the first time), posts forms
    with the page's CSRF token, and keeps their authenticator's secret."""

    def __init__(self, client: httpx.AsyncClient, clock: ManualClock, email: str) -> None:
        self.client = client
        self.clock = clock
        self.email = email
        self.secret: str | None = None

    def code(self) -> str:
        assert self.secret is not None
        return pyotp.TOTP(self.secret).at(self.clock.now())

    async def sign_in(self, next_path: str = "/") -> httpx.Response:
        page = await self.client.get(f"/workspace/sign-in?next={next_path}")
        form = {
            "form_key": hidden(page.text, "form_key"),
            "next": next_path,
            "email": self.email,
            "password": PASSWORD,
        }
        if self.secret is not None:
            # A code is good once: the next sign-in waits for the authenticator's next one.
            self.clock.advance(timedelta(seconds=31))
            form["code"] = self.code()
            return await self.client.post("/workspace/sign-in", data=form)
        enrol = await self.client.post("/workspace/sign-in", data=form)
        assert "Set up your authenticator app" in enrol.text, enrol.text
        self.secret = (
            re.search(r'id="totp-secret">([A-Z2-7 ]+)<', enrol.text).group(1).replace(" ", "")
        )
        return await self.client.post(
            "/workspace/enrol",
            data={"ticket": hidden(enrol.text, "ticket"), "next": next_path, "code": self.code()},
        )

    async def get(self, path: str) -> httpx.Response:
        return await self.client.get(f"/workspace{path}")

    async def post(
        self, path: str, data: dict[str, str] | None = None, page: str | None = None
    ) -> httpx.Response:
        """Post a form from `page` (or from Today), with its CSRF token."""
        source = (await self.get(page or "/")).text
        return await self.client.post(
            f"/workspace{path}", data={"csrf": hidden(source, "csrf"), **(data or {})}
        )


@pytest.fixture
def desk_for(browser: httpx.AsyncClient, clock: ManualClock, council: Council):
    def make(who: str) -> Desk:
        return Desk(browser, clock, council.emails[who])

    return make
