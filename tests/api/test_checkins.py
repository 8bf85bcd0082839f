"""Check-ins through the API: Cara adds, moves and cancels them."""

from __future__ import annotations

from datetime import timedelta


async def test_cara_moves_and_cancels_check_ins(client, world, clock):
    sam = world.ids["sam"]
    later = clock.now() + timedelta(days=10)
    added = await client.post(
        f"/v1/young-people/{sam}/check-ins",
        json={"due_at": later.isoformat(), "label": "extra"},
        headers=world.auth("cara"),
    )
    assert added.status_code == 201, added.text
    cid = added.json()["id"]
    past = await client.patch(
        f"/v1/check-ins/{cid}",
        json={"due_at": (clock.now() - timedelta(days=1)).isoformat()},
        headers=world.auth("cara"),
    )
    assert past.status_code == 409
    moved = await client.patch(
        f"/v1/check-ins/{cid}",
        json={"due_at": (later + timedelta(days=2)).isoformat()},
        headers=world.auth("cara"),
    )
    assert moved.status_code == 200
    cancelled = await client.post(f"/v1/check-ins/{cid}/cancel", headers=world.auth("cara"))
    assert cancelled.json()["state"] == "cancelled"
    again = await client.post(f"/v1/check-ins/{cid}/cancel", headers=world.auth("cara"))
    assert again.status_code == 409 and "'cancelled'" in again.json()["detail"]
    naive = await client.post(
        f"/v1/young-people/{sam}/check-ins",
        json={"due_at": "2026-05-01T10:00:00"},
        headers=world.auth("cara"),
    )
    assert naive.status_code == 422 and "due_at" in naive.json()["detail"]
    listed = await client.get(f"/v1/young-people/{sam}/check-ins", headers=world.auth("cara"))
    assert [c["state"] for c in listed.json()["items"]] == ["cancelled"]
