"""Sign-in under real concurrency: many requests in flight at once against the app, on SQLite
and PostgreSQL. The throttle's count and decision are one step; a code works once, ever."""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx
import pyotp
from sqlalchemy import select

from models import AuditEvent, LoginAttempt
from models.staff.throttling import SignInOutcome
from tests.support.factories import PASSWORD

CARA = "cara@example.org"


def _client_from(app, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 50000))
    return httpx.AsyncClient(transport=transport, base_url="http://kith.test")


async def test_fifteen_guesses_at_once_from_fifteen_addresses_get_five_tries(
    app, world, sessionmaker
):
    clients = [_client_from(app, f"198.51.100.{n}") for n in range(1, 16)]
    try:
        answers = await asyncio.gather(
            *(
                client.post(
                    "/v1/auth/token", data={"username": CARA, "password": f"guess number {n}"}
                )
                for n, client in enumerate(clients)
            )
        )
    finally:
        await asyncio.gather(*(client.aclose() for client in clients))
    statuses = Counter(answer.status_code for answer in answers)
    assert statuses == {401: 5, 429: 10}, statuses
    async with sessionmaker() as session:
        logged = Counter(a.outcome for a in await session.scalars(select(LoginAttempt)))
        trail = Counter(
            e.outcome
            for e in await session.scalars(
                select(AuditEvent).where(AuditEvent.organisation_id == world.ids["north_org"])
            )
        )
    # Only five passwords were ever looked at; the council's admin sees all fifteen.
    assert logged == {SignInOutcome.failed: 5, SignInOutcome.locked: 10}
    assert trail == {"refused:failed": 5, "refused:locked": 10}


async def test_one_code_sent_six_times_at_once_lets_in_exactly_one(app, client, world, clock):
    enrolled = await client.post(
        "/v1/auth/totp/enrol", data={"username": CARA, "password": PASSWORD}
    )
    code = pyotp.TOTP(enrolled.json()["secret"]).at(clock.now())
    clients = [_client_from(app, f"203.0.113.{n}") for n in range(1, 7)]
    try:
        answers = await asyncio.gather(
            *(
                c.post(
                    "/v1/auth/token",
                    data={"username": CARA, "password": PASSWORD, "totp_code": code},
                )
                for c in clients
            )
        )
    finally:
        await asyncio.gather(*(c.aclose() for c in clients))
    statuses = Counter(answer.status_code for answer in answers)
    assert statuses[200] == 1, statuses
    assert set(statuses) <= {200, 401, 429}
