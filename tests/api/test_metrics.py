"""/metrics only when the operator turns it on: behind a bearer token on the API's port, or
on a listener of its own (tests/test_system.py); off, it is a 404 like any unknown path."""

from __future__ import annotations

import httpx
import pytest

from api.app import ApiContext, create_app
from models import OutboundMessage

TOKEN = "scrape-me-0123456789abcdef"


@pytest.fixture
async def scraped(sessionmaker, clock):
    app = create_app(
        ApiContext(
            sessionmaker=sessionmaker, clock=clock, login_slowdown_seconds=0, metrics_token=TOKEN
        )
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://kith.test") as client:
        yield client


async def test_without_the_token_nobody_reads_the_metrics(scraped, world):
    for headers in ({}, {"Authorization": "Bearer guessed"}, {"Authorization": TOKEN}):
        refused = await scraped.get("/metrics", headers=headers)
        assert refused.status_code == 401
        assert refused.headers["content-type"] == "application/problem+json"
        assert "kith_" not in refused.text


async def test_prometheus_with_the_token_reads_requests_by_route_and_sign_ins(scraped, world):
    await scraped.get(f"/v1/young-people/{world.ids['sam']}", headers=world.auth("cara"))
    await scraped.post("/v1/auth/token", data={"username": "x@example.org", "password": "y"})
    metrics = await scraped.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert metrics.status_code == 200
    assert metrics.headers["content-type"].startswith("text/plain")
    assert 'route="/v1/young-people/{young_person_id}"' in metrics.text
    assert f'/v1/young-people/{world.ids["sam"]}"' not in metrics.text
    assert 'kith_login_attempts_total{outcome="failed"} 1.0' in metrics.text
    document = (await scraped.get("/openapi.json")).json()
    assert "/metrics" not in document["paths"]


async def test_uncertain_sends_from_every_scheduler_are_counted(scraped, world, session, clock):
    """Kept on the outbox rows by whichever scheduler met them (docs/scheduler.md)."""
    for uncertain in (1, 2):
        session.add(
            OutboundMessage(
                organisation_id=world.ids["north_org"],
                chat_id=5000 + uncertain,
                kind="checkin",
                body="Fancy a quick check-in?",
                due_at=clock.now(),
                created_at=clock.now(),
                uncertain_sends=uncertain,
            )
        )
    await session.commit()
    metrics = await scraped.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert "kith_outbox_uncertain_sends_total 3.0" in metrics.text
