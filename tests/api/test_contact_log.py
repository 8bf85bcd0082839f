"""The detective work through the API: Cara logs her calls to Sam's nan, the next step is due,
each move of Nan's status is kept with who and why, and Dan (not Sam's coordinator) sees none."""

from __future__ import annotations

from tests.api.test_connections import _add


async def test_cara_logs_calls_to_nan_and_her_moves_are_kept(client, world):
    nan = await _add(client, world)
    first = await client.post(
        f"/v1/connections/{nan['id']}/contacts",
        json={
            "contacted_on": "2026-03-01",
            "channel": "call",
            "outcome": "no_answer",
            "next_step": "Call again on Monday",
            "next_step_on": "2026-03-02",
        },
        headers=world.auth("cara"),
    )
    assert first.status_code == 201, first.text
    second = await client.post(
        f"/v1/connections/{nan['id']}/contacts",
        json={
            "contacted_on": "2026-03-02",
            "channel": "call",
            "outcome": "reached",
            "note": "Nan would love to hear from Sam",
        },
        headers=world.auth("cara"),
    )
    assert second.status_code == 201
    log = (
        await client.get(f"/v1/connections/{nan['id']}/contacts", headers=world.auth("cara"))
    ).json()
    assert [e["outcome"] for e in log["items"]] == ["reached", "no_answer"]
    assert log["items"][1]["next_step_done_at"] is not None  # the later call settled it
    assert log["items"][0]["note"] == "Nan would love to hear from Sam"
    moved = await client.patch(
        f"/v1/connections/{nan['id']}",
        json={"status": "contacted", "status_reason": "spoke on the phone"},
        headers=world.auth("cara"),
    )
    assert moved.status_code == 200
    history = (
        await client.get(f"/v1/connections/{nan['id']}/status-history", headers=world.auth("cara"))
    ).json()
    assert [(h["from_status"], h["to_status"], h["reason"]) for h in history["items"]] == [
        ("named", "contacted", "spoke on the phone")
    ]
    assert history["items"][0]["by_user_id"] == world.ids["cara"]


async def test_a_contact_on_a_day_to_come_is_refused_naming_the_field(client, world):
    nan = await _add(client, world)
    refused = await client.post(
        f"/v1/connections/{nan['id']}/contacts",
        json={"contacted_on": "2026-03-20", "channel": "letter", "outcome": "no_answer"},
        headers=world.auth("cara"),
    )
    assert refused.status_code == 422
    assert refused.json()["detail"].startswith("body.contacted_on:")


async def test_dan_sees_nothing_of_sams_network(client, world):
    nan = await _add(client, world)
    for path in ("contacts", "status-history"):
        answer = await client.get(f"/v1/connections/{nan['id']}/{path}", headers=world.auth("dan"))
        assert answer.status_code == 404
