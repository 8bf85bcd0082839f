"""What the attacker's report found at the edge, each as it was sent: now a 4xx problem that
says what is wrong, never a 500; the right Allow header; ids written one way only."""

from __future__ import annotations

import base64
import json

import pytest
from sqlalchemy import select

from models import AuditEvent
from tests.support.factories import PASSWORD


def _cursor(*values: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(values)).encode()).decode().rstrip("=")


async def test_a_nul_in_the_username_is_refused_before_anything_reads_it(client, world):
    answer = await client.post(
        "/v1/auth/token", data={"username": "cara@example.org\x00", "password": PASSWORD}
    )
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["errors"][0]["field"] == "body.username"


async def test_an_admin_adding_an_email_with_a_nul_or_a_lone_surrogate_is_told_why(client, world):
    for bad in ('"jo\\u0000@example.org"', '"jo\\ud800@example.org"'):
        answer = await client.post(
            "/v1/admin/users",
            content=(
                '{"email": ' + bad + ', "display_name": "Jo", "role": "coordinator", '
                '"password": "a long temporary passphrase"}'
            ),
            headers={**world.auth("admin"), "Content-Type": "application/json"},
        )
        assert answer.status_code == 422, answer.text
        assert "NUL" in answer.json()["detail"] and answer.json()["errors"][0]["field"] == (
            "body.email"
        )


ENDS_OF_TIME = [
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59+14:00",
    "9999-12-31T23:59:59-14:00",
]


@pytest.mark.parametrize("moment", ENDS_OF_TIME)
async def test_a_cursor_forged_to_the_ends_of_time_is_a_422_on_every_sort(client, world, moment):
    for sort in ("received_at", "status_changed_at", "-received_at"):
        answer = await client.get(
            "/v1/referrals",
            params={"cursor": _cursor(moment, 1), "sort": sort},
            headers=world.auth("manager"),
        )
        assert answer.status_code == 422, (sort, answer.text)
        assert "cursor" in answer.json()["detail"]


async def test_numbers_are_not_dates(client, world):
    sam = world.ids["sam"]
    for field, value in (("scheduled_at", 0), ("scheduled_at", "0"), ("scheduled_at", 2.1e-111)):
        answer = await client.post(
            f"/v1/young-people/{sam}/meetings",
            json={"kind": "planning", field: value},
            headers=world.auth("cara"),
        )
        assert answer.status_code == 422, answer.text
        assert "ISO 8601" in answer.json()["detail"]
    paused = await client.patch(
        f"/v1/young-people/{sam}", json={"paused_until": 2.1e-111}, headers=world.auth("cara")
    )
    assert paused.status_code == 422


async def test_an_id_is_plain_digits(client, world):
    sam = world.ids["sam"]
    for odd in (f"{sam}.0", f"+{sam}", f"000{sam}", f"{sam}e0"):
        answer = await client.get(f"/v1/young-people/{odd}", headers=world.auth("cara"))
        assert answer.status_code == 422, odd
        assert "written plainly" in answer.json()["detail"]
    assert (await client.get(f"/v1/young-people/{sam}", headers=world.auth("cara"))).is_success
    moved = await client.post(
        "/v1/referrals",
        json={"young_person_id": float(sam), "source": "social_worker"},
        headers=world.auth("manager"),
    )
    assert moved.status_code == 422


async def test_a_405_names_every_method_of_the_path_and_who_asked(client, world, sessionmaker):
    answer = await client.put("/v1/young-people", headers=world.auth("manager"))
    assert answer.status_code == 405
    assert answer.headers["allow"] == "GET, HEAD, POST"
    item = await client.put(f"/v1/young-people/{world.ids['sam']}", headers=world.auth("cara"))
    assert item.headers["allow"] == "GET, HEAD, PATCH"
    async with sessionmaker() as session:
        refused = list(
            await session.scalars(select(AuditEvent).where(AuditEvent.outcome == "refused:405"))
        )
    assert [(e.actor_user_id, e.organisation_id) for e in refused] == [
        (world.ids["manager"], world.ids["north_org"]),
        (world.ids["cara"], world.ids["north_org"]),
    ]
