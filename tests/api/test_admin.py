"""Admin: accounts (create, disable, reset), programme settings, and the audit trail."""

from __future__ import annotations

import pyotp

from tests.support.factories import PASSWORD


async def test_an_admin_adds_a_coordinator_who_then_signs_in(client, world, clock):
    created = await client.post(
        "/v1/admin/users",
        json={
            "email": "new.person@example.org",
            "display_name": "New Person",
            "role": "coordinator",
            "password": "a long temporary passphrase",
            "manager_id": world.ids["manager"],
        },
        headers=world.auth("admin"),
    )
    assert created.status_code == 201, created.text
    assert created.json()["totp_enrolled"] is False
    assert "password" not in created.json() and "password_hash" not in created.json()
    clash = await client.post(
        "/v1/admin/users",
        json={
            "email": "new.person@example.org",
            "display_name": "Again",
            "role": "manager",
            "password": "a long temporary passphrase",
        },
        headers=world.auth("admin"),
    )
    assert clash.status_code == 409
    enrol = await client.post(
        "/v1/auth/totp/enrol",
        data={"username": "new.person@example.org", "password": "a long temporary passphrase"},
    )
    code = pyotp.TOTP(enrol.json()["secret"]).at(clock.now())
    token = await client.post(
        "/v1/auth/token",
        data={
            "username": "new.person@example.org",
            "password": "a long temporary passphrase",
            "totp_code": code,
        },
    )
    assert token.status_code == 200


async def test_disabling_an_account_stops_its_tokens_at_once(client, world):
    disabled = await client.patch(
        f"/v1/admin/users/{world.ids['dan']}",
        json={"disabled": True},
        headers=world.auth("admin"),
    )
    assert disabled.status_code == 200 and disabled.json()["disabled_at"] is not None
    assert (await client.get("/v1/me", headers=world.auth("dan"))).status_code == 401
    self_harm = await client.patch(
        f"/v1/admin/users/{world.ids['admin']}",
        json={"disabled": True},
        headers=world.auth("admin"),
    )
    assert self_harm.status_code == 409


async def test_a_reset_needs_a_new_password_and_a_new_second_factor(client, world, clock):
    enrol = await client.post(
        "/v1/auth/totp/enrol", data={"username": "cara@example.org", "password": PASSWORD}
    )
    assert enrol.status_code == 200
    reset = await client.post(
        f"/v1/admin/users/{world.ids['cara']}/reset",
        json={"password": "another long temporary passphrase"},
        headers=world.auth("admin"),
    )
    assert reset.status_code == 200 and reset.json()["totp_enrolled"] is False
    assert (await client.get("/v1/me", headers=world.auth("cara"))).status_code == 401
    old = await client.post(
        "/v1/auth/totp/enrol", data={"username": "cara@example.org", "password": PASSWORD}
    )
    assert old.status_code == 401
    short = await client.post(
        f"/v1/admin/users/{world.ids['cara']}/reset",
        json={"password": "short"},
        headers=world.auth("admin"),
    )
    assert short.status_code == 422


async def test_an_admin_sets_the_programme(client, world):
    answer = await client.patch(
        "/v1/admin/organisation",
        json={
            "checkin_cadence": "14d,3m,12m",
            "eligible_max_age": 21,
            "eligible_cohorts": ["in_care", "care_leaver"],
            "quiet_start": "20:30",
        },
        headers=world.auth("admin"),
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["eligible_cohorts"] == ["in_care", "care_leaver"]
    bad = await client.patch(
        "/v1/admin/organisation",
        json={"checkin_cadence": "2 weeks"},
        headers=world.auth("admin"),
    )
    assert bad.status_code == 422 and "checkin_cadence" in bad.json()["detail"]
    read = await client.get("/v1/admin/organisation", headers=world.auth("admin"))
    assert read.json()["checkin_cadence"] == "14d,3m,12m"


async def test_an_admin_records_the_out_of_hours_number_and_the_escalation_window(client, world):
    read = await client.get("/v1/admin/organisation", headers=world.auth("admin"))
    assert read.json()["concern_escalation_minutes"] == 15
    assert read.json()["out_of_hours_phone"] is None
    answer = await client.patch(
        "/v1/admin/organisation",
        json={"out_of_hours_phone": "0300 123 4567", "concern_escalation_minutes": 10},
        headers=world.auth("admin"),
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["out_of_hours_phone"] == "0300 123 4567"
    assert answer.json()["concern_escalation_minutes"] == 10
    for wrong in ({"out_of_hours_phone": "call Jo"}, {"concern_escalation_minutes": 0}):
        refused = await client.patch(
            "/v1/admin/organisation", json=wrong, headers=world.auth("admin")
        )
        assert refused.status_code == 422, wrong
    cleared = await client.patch(
        "/v1/admin/organisation", json={"out_of_hours_phone": None}, headers=world.auth("admin")
    )
    assert cleared.json()["out_of_hours_phone"] is None
    coordinator = await client.patch(
        "/v1/admin/organisation",
        json={"out_of_hours_phone": "0300 123 4567"},
        headers=world.auth("cara"),
    )
    assert coordinator.status_code == 403


async def test_admins_read_their_councils_audit_trail_with_filters(client, world):
    sam = world.ids["sam"]
    await client.get(f"/v1/young-people/{sam}", headers=world.auth("cara"))
    await client.get(f"/v1/young-people/{world.ids['kit']}", headers=world.auth("cara"))
    await client.get(f"/v1/young-people/{sam}", headers=world.auth("south"))
    trail = await client.get(
        "/v1/audit", params={"young_person_id": sam}, headers=world.auth("admin")
    )
    assert trail.status_code == 200
    events = trail.json()["items"]
    assert [(e["action"], e["actor_user_id"], e["route"]) for e in events] == [
        ("read", world.ids["cara"], "GET /v1/young-people/{young_person_id}")
    ]
    refused = await client.get(
        "/v1/audit",
        params={"outcome": "refused:404", "actor_user_id": world.ids["cara"]},
        headers=world.auth("admin"),
    )
    assert [e["young_person_id"] for e in refused.json()["items"]] == [world.ids["kit"]]
    paged = await client.get("/v1/audit", params={"limit": 1}, headers=world.auth("admin"))
    assert paged.json()["next_cursor"] is not None
    south_admin_view = await client.get(
        "/v1/audit", params={"actor_user_id": world.ids["south"]}, headers=world.auth("admin")
    )
    assert south_admin_view.json()["items"] == []
