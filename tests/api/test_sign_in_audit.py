"""A council's admin sees someone guessing their staff's passwords: failed, locked and
throttled sign-ins against their own accounts, on their own audit trail, and never another
council's; never the password that was tried."""

from __future__ import annotations

import httpx
from sqlalchemy import select

from models import AuditEvent


def _from(app, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://kith.test")


async def test_the_admin_sees_failed_locked_and_throttled_sign_ins_on_their_accounts(
    app, client, world, sessionmaker
):
    async with _from(app, "192.0.2.10") as guesser:
        for n in range(6):  # five wrong, then locked
            await guesser.post(
                "/v1/auth/token",
                data={"username": "Cara@Example.org", "password": f"hunter2 guess {n}"},
            )
    async with _from(app, "192.0.2.99") as sprayer:
        for n in range(20):
            await sprayer.post(
                "/v1/auth/token", data={"username": f"made.up.{n}@example.org", "password": "x"}
            )
        # The address is throttled now: Dan's account sees it tried.
        throttled = await sprayer.post(
            "/v1/auth/token", data={"username": "dan@example.org", "password": "x"}
        )
    assert throttled.status_code == 429

    answer = await client.get(
        "/v1/audit", params={"action": "login", "limit": 50}, headers=world.auth("admin")
    )
    assert answer.status_code == 200, answer.text
    seen = [(e["entity_id"], e["outcome"], e["route"]) for e in answer.json()["items"]]
    cara, dan = world.ids["cara"], world.ids["dan"]
    route = "POST /v1/auth/token"
    assert seen == [
        (dan, "refused:throttled", route),
        (cara, "refused:locked", route),
        *[(cara, "refused:failed", route)] * 5,
    ]
    assert "hunter2" not in answer.text
    locked_only = await client.get(
        "/v1/audit", params={"outcome": "refused:locked"}, headers=world.auth("admin")
    )
    assert [e["entity_id"] for e in locked_only.json()["items"]] == [cara]
    async with sessionmaker() as session:
        elsewhere = await session.scalars(
            select(AuditEvent).where(AuditEvent.organisation_id == world.ids["south_org"])
        )
        assert list(elsewhere) == []
