"""The network: adding people, moving them towards the circle, and the circle picture."""

from __future__ import annotations

from models import YoungPerson
from tests.support.records import every_record


async def _add(client, world, who="cara", **fields):
    body = {
        "name": "Nan (Margaret)",
        "relationship_label": "nan",
        "category": "family",
        "named_by": "young_person",
    } | fields
    answer = await client.post(
        f"/v1/young-people/{world.ids['sam']}/connections", json=body, headers=world.auth(who)
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


async def test_cara_finds_sams_nan_and_brings_her_into_the_circle(client, world):
    nan = await _add(client, world, contact_details="07700 900123", closeness="inner")
    assert nan["status"] == "named" and nan["contact_details"] == "07700 900123"
    for status in ("located", "contacted", "safety_checked", "agreed"):
        moved = await client.patch(
            f"/v1/connections/{nan['id']}", json={"status": status}, headers=world.auth("cara")
        )
        assert moved.status_code == 200, moved.text
        assert moved.json()["status"] == status
    listed = await client.get(
        f"/v1/young-people/{world.ids['sam']}/connections", headers=world.auth("manager")
    )
    assert [c["status"] for c in listed.json()["items"]] == ["agreed"]


async def test_nobody_is_agreed_without_a_safety_check(client, world):
    uncle = await _add(client, world, name="Uncle Dev", relationship_label="uncle")
    skipped = await client.patch(
        f"/v1/connections/{uncle['id']}", json={"status": "agreed"}, headers=world.auth("cara")
    )
    assert skipped.status_code == 409
    detail = skipped.json()["detail"]
    assert "'named'" in detail and "'agreed'" in detail
    unsafe = await client.patch(
        f"/v1/connections/{uncle['id']}",
        json={"status": "unsafe", "safety_note": "known risk"},
        headers=world.auth("cara"),
    )
    assert unsafe.json()["safety_concern"] is True and unsafe.json()["safety_note"] == "known risk"


async def test_a_person_in_the_plan_is_ended_not_removed(client, world, sessionmaker, clock):
    async with sessionmaker() as session:
        sam = await session.get_one(YoungPerson, world.ids["sam"])
        ids = await every_record(session, clock.now(), sam)
        await session.commit()
    refused = await client.delete(
        f"/v1/connections/{ids['connection_id']}", headers=world.auth("cara")
    )
    assert refused.status_code == 409 and "ended" in refused.json()["detail"]
    mistake = await _add(client, world, name="Typo")
    gone = await client.delete(f"/v1/connections/{mistake['id']}", headers=world.auth("cara"))
    assert gone.status_code == 204
    again = await client.get(f"/v1/connections/{mistake['id']}", headers=world.auth("cara"))
    assert again.status_code == 404


async def test_the_circle_picture_is_a_png_of_everyone(client, world):
    await _add(client, world)
    await _add(
        client, world, name="Jay", relationship_label="friend", category="friend", closeness="outer"
    )
    picture = await client.get(
        f"/v1/young-people/{world.ids['sam']}/circle.png", headers=world.auth("cara")
    )
    assert picture.status_code == 200
    assert picture.headers["content-type"] == "image/png"
    assert picture.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert picture.headers["cache-control"] == "no-store"
