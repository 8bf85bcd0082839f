"""Signing in: password, then TOTP, then a token for one working day; throttled; revocable."""

from __future__ import annotations

import logging
from datetime import timedelta

import pyotp
from sqlalchemy import func, select

from api.app import ApiContext, create_app
from models import AuditEvent, LoginAttempt
from tests.support.factories import PASSWORD

CARA = "cara@example.org"


async def _enrol(client, clock, email=CARA) -> pyotp.TOTP:
    answer = await client.post(
        "/v1/auth/totp/enrol", data={"username": email, "password": PASSWORD}
    )
    assert answer.status_code == 200, answer.text
    secret = answer.json()["secret"]
    assert answer.json()["otpauth_uri"].startswith("otpauth://totp/Kith:")
    return pyotp.TOTP(secret)


async def _sign_in(client, clock, totp, email=CARA, password=PASSWORD):
    return await client.post(
        "/v1/auth/token",
        data={"username": email, "password": password, "totp_code": totp.at(clock.now())},
    )


async def test_cara_enrols_her_second_factor_and_signs_in(client, world, clock):
    no_factor = await client.post("/v1/auth/token", data={"username": CARA, "password": PASSWORD})
    assert no_factor.status_code == 401
    assert "enrol" in no_factor.json()["detail"]

    totp = await _enrol(client, clock)
    signed_in = await _sign_in(client, clock, totp)
    assert signed_in.status_code == 200, signed_in.text
    token = signed_in.json()["access_token"]
    assert signed_in.json()["token_type"] == "bearer"
    me = await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["email"] == CARA and me.json()["totp_enrolled"] is True

    again = await client.post("/v1/auth/totp/enrol", data={"username": CARA, "password": PASSWORD})
    assert again.status_code == 409 and "admin" in again.json()["detail"]


async def test_a_wrong_code_and_an_unknown_account_read_alike(client, world, clock):
    totp = await _enrol(client, clock)
    wrong_code = await client.post(
        "/v1/auth/token",
        data={
            "username": CARA,
            "password": PASSWORD,
            "totp_code": "000000" if totp.at(clock.now()) != "000000" else "111111",
        },
    )
    wrong_password = await _sign_in(client, clock, totp, password="not the password at all")
    nobody = await _sign_in(client, clock, totp, email="nobody@example.org")
    for answer in (wrong_code, wrong_password, nobody):
        assert answer.status_code == 401
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["detail"] == "the email, password or code is wrong"


async def test_failed_sign_ins_are_refused_for_a_while_whether_the_account_exists_or_not(
    client, world, clock, sessionmaker
):
    for email in (CARA, "nobody@example.org"):
        for _ in range(5):
            failed = await client.post(
                "/v1/auth/token", data={"username": email, "password": "wrong password!!"}
            )
            assert failed.status_code == 401
        refused = await client.post(
            "/v1/auth/token", data={"username": email, "password": PASSWORD}
        )
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "900"
        assert "try again" in refused.json()["detail"]
    async with sessionmaker() as session:
        attempts = await session.scalar(select(func.count()).select_from(LoginAttempt))
        refusals = list(
            await session.scalars(select(AuditEvent).where(AuditEvent.outcome == "refused:locked"))
        )
    assert attempts == 12
    # Cara's council sees her account locked; the made-up email belongs to nobody's trail.
    assert [(e.organisation_id, e.entity_id) for e in refusals] == [
        (world.ids["north_org"], world.ids["cara"])
    ]

    clock.advance(timedelta(minutes=16))
    totp = await _enrol(client, clock)
    assert (await _sign_in(client, clock, totp)).status_code == 200


async def test_an_address_trying_many_accounts_is_refused(client, world):
    for number in range(20):
        await client.post(
            "/v1/auth/token", data={"username": f"guess{number}@example.org", "password": "x"}
        )
    refused = await client.post("/v1/auth/token", data={"username": CARA, "password": PASSWORD})
    assert refused.status_code == 429


async def test_a_token_expires_after_a_working_day(client, world, clock):
    assert (await client.get("/v1/me", headers=world.auth("cara"))).status_code == 200
    clock.advance(timedelta(hours=9))
    expired = await client.get("/v1/me", headers=world.auth("cara"))
    assert expired.status_code == 401
    assert "sign in again" in expired.json()["detail"]
    assert expired.headers["www-authenticate"] == "Bearer"


async def test_logout_revokes_the_token_at_once(client, world, sessionmaker):
    out = await client.post("/v1/auth/logout", headers=world.auth("cara"))
    assert out.status_code == 204
    assert (await client.get("/v1/me", headers=world.auth("cara"))).status_code == 401
    assert (await client.get("/v1/today", headers=world.auth("cara"))).status_code == 401
    async with sessionmaker() as session:
        [logged] = await session.scalars(select(AuditEvent).where(AuditEvent.action == "logout"))
    assert (logged.actor_user_id, logged.organisation_id) == (
        world.ids["cara"],
        world.ids["north_org"],
    )
    assert (logged.entity, logged.entity_id, logged.route) == (
        "user",
        world.ids["cara"],
        "POST /v1/auth/logout",
    )


async def test_a_made_up_token_is_refused_and_audited(client, world, sessionmaker):
    for token in ("kith_made-up", "not even ours", "kith_" + "x" * 500):
        answer = await client.get("/v1/today", headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == 401
    async with sessionmaker() as session:
        refused = await session.scalar(
            select(func.count()).where(AuditEvent.outcome == "refused:401")
        )
    assert refused == 3


async def test_without_totp_in_development_the_start_up_log_says_so(
    sessionmaker, clock, caplog, world
):
    import httpx

    with caplog.at_level(logging.WARNING, logger="kith.api"):
        app = create_app(
            ApiContext(
                sessionmaker=sessionmaker, clock=clock, require_totp=False, login_slowdown_seconds=0
            )
        )
    assert "KITH_REQUIRE_TOTP is off" in caplog.text
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://kith.test") as client:
        answer = await client.post("/v1/auth/token", data={"username": CARA, "password": PASSWORD})
    assert answer.status_code == 200


async def test_a_code_works_once(client, world, clock):
    totp = await _enrol(client, clock)
    assert (await _sign_in(client, clock, totp)).status_code == 200
    replayed = await _sign_in(client, clock, totp)
    assert replayed.status_code == 401
    clock.advance(timedelta(seconds=30))
    assert (await _sign_in(client, clock, totp)).status_code == 200
