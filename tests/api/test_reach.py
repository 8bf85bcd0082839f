"""Who sees what: deny by default; a coordinator their caseload, a manager their council;
anything out of reach answers 404 exactly like something missing, and is audited."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from models import AuditEvent, Connection, YoungPerson
from tests.api.routes import example_body, path_for, v1_routes
from tests.support.records import every_record

OPEN_ROUTES = {"POST /v1/auth/token", "POST /v1/auth/totp/enrol"}


async def test_every_route_but_sign_in_needs_a_token(app, client, world):
    ids = dict.fromkeys(
        [
            "young_person_id",
            "referral_id",
            "consent_id",
            "connection_id",
            "meeting_id",
            "commitment_id",
            "check_in_id",
            "nudge_id",
            "user_id",
        ],
        1,
    )
    for call in v1_routes(app):
        if call.name in OPEN_ROUTES:
            continue
        answer = await client.request(call.method, path_for(call, ids))
        assert answer.status_code == 401, call.name
        assert answer.headers["content-type"] == "application/problem+json"


async def test_a_coordinator_sees_only_her_caseload_and_a_manager_the_council(client, world):
    mine = await client.get("/v1/young-people", headers=world.auth("cara"))
    assert [p["preferred_name"] for p in mine.json()["items"]] == ["Sam"]
    council = await client.get("/v1/young-people", headers=world.auth("manager"))
    assert [p["preferred_name"] for p in council.json()["items"]] == ["Sam", "Jo"]
    south = await client.get("/v1/young-people", headers=world.auth("south_manager"))
    assert [p["preferred_name"] for p in south.json()["items"]] == ["Kit"]
    jo = await client.get(f"/v1/young-people/{world.ids['jo']}", headers=world.auth("cara"))
    assert jo.status_code == 404


async def test_an_admin_runs_accounts_not_casework(client, world):
    answer = await client.get("/v1/young-people", headers=world.auth("admin"))
    assert answer.status_code == 403
    assert "coordinator or manager" in answer.json()["detail"]
    for who in ("cara", "manager"):
        assert (await client.get("/v1/audit", headers=world.auth(who))).status_code == 403
        assert (await client.get("/v1/admin/users", headers=world.auth(who))).status_code == 403


def _same_shape(text: str, record_id: int) -> str:
    return re.sub(rf"\b{record_id}\b", "N", text)


@pytest.mark.parametrize("who", ["cara", "manager"])
async def test_every_record_of_another_council_is_missing_to_northshire(
    app, client, world, sessionmaker, clock, who
):
    async with sessionmaker() as session:
        kit = await session.get_one(YoungPerson, world.ids["kit"])
        south = await every_record(session, clock.now(), kit)
        await session.commit()
    south |= {"user_id": world.ids["south"], "manager_id": world.ids["manager"]}
    missing = dict.fromkeys(south, 987_654)
    probed = 0
    for call in v1_routes(app):
        if not call.params() or call.template.startswith(("/v1/admin", "/v1/audit")):
            continue
        body = example_body(app, call, south)
        theirs = await client.request(
            call.method, path_for(call, south), json=body, headers=world.auth(who)
        )
        nothing = await client.request(
            call.method, path_for(call, missing), json=body, headers=world.auth(who)
        )
        assert theirs.status_code == 404, (call.name, theirs.text)
        assert nothing.status_code == 404, call.name
        asked = south[call.params()[-1]]
        assert _same_shape(theirs.json()["detail"], asked) == _same_shape(
            nothing.json()["detail"], 987_654
        ), call.name
        probed += 1
    assert probed >= 20

    async with sessionmaker() as session:
        refused = await session.scalar(
            select(func.count()).where(
                AuditEvent.actor_user_id == world.ids[who], AuditEvent.outcome == "refused:404"
            )
        )
        nan = await session.get_one(Connection, south["connection_id"])
        kit_now = await session.get_one(YoungPerson, world.ids["kit"])
    assert refused == 2 * probed
    assert nan.status.value == "named" and kit_now.preferred_name == "Kit"


async def test_an_admin_cannot_reach_another_councils_accounts(client, world):
    answer = await client.patch(
        f"/v1/admin/users/{world.ids['south']}",
        json={"disabled": True},
        headers=world.auth("admin"),
    )
    assert answer.status_code == 404
    south = await client.get("/v1/me", headers=world.auth("south"))
    assert south.status_code == 200
