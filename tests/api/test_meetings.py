"""Meetings through the API: holding them moves the journey; the plan; moving, cancelling."""

from __future__ import annotations

from datetime import timedelta

from tests.support.api_journeys import allocated_to_cara


async def test_holding_the_meetings_moves_the_journey_and_schedules_check_ins(
    client, world, sessionmaker, clock
):
    rid = await allocated_to_cara(client, world, sessionmaker, clock)
    sam = world.ids["sam"]
    soon = (clock.now() + timedelta(hours=1)).isoformat()
    planning = await client.post(
        f"/v1/young-people/{sam}/meetings",
        json={"kind": "planning", "scheduled_at": soon},
        headers=world.auth("cara"),
    )
    held = await client.post(
        f"/v1/meetings/{planning.json()['id']}/held",
        json={"attendees": ["Sam", "Cara"]},
        headers=world.auth("cara"),
    )
    assert held.status_code == 201, held.text
    assert held.json()["meeting"]["attendees"] == ["Sam", "Cara"]
    referral = await client.get(f"/v1/referrals/{rid}", headers=world.auth("cara"))
    assert referral.json()["status"] == "planning"

    conference = await client.post(
        f"/v1/young-people/{sam}/meetings",
        json={"kind": "conference", "scheduled_at": soon, "attendees": ["Sam", "Nan"]},
        headers=world.auth("cara"),
    )
    cid = conference.json()["id"]
    too_early = await client.post(f"/v1/meetings/{cid}/held", json={}, headers=world.auth("cara"))
    assert too_early.status_code == 409 and "'planning'" in too_early.json()["detail"]
    for target in ("searching", "conference_planned"):
        await client.post(
            f"/v1/referrals/{rid}/moves", json={"to": target}, headers=world.auth("cara")
        )
    nan = await client.post(
        f"/v1/young-people/{sam}/connections",
        json={
            "name": "Nan",
            "relationship_label": "nan",
            "category": "family",
            "named_by": "young_person",
        },
        headers=world.auth("cara"),
    )
    commitment = await client.post(
        f"/v1/meetings/{cid}/commitments",
        json={
            "who": "connection",
            "connection_id": nan.json()["id"],
            "what": "Sunday phone call",
            "frequency": "weekly",
        },
        headers=world.auth("cara"),
    )
    assert commitment.status_code == 201, commitment.text
    plan = await client.get(f"/v1/meetings/{cid}/commitments", headers=world.auth("cara"))
    assert [c["what"] for c in plan.json()["items"]] == ["Sunday phone call"]

    conference_held = await client.post(
        f"/v1/meetings/{cid}/held", json={}, headers=world.auth("cara")
    )
    assert conference_held.status_code == 201, conference_held.text
    labels = [c["label"] for c in conference_held.json()["check_ins"]]
    assert labels == ["2 weeks", "6 weeks", "3 months", "6 months", "9 months", "12 months"]
    referral = await client.get(f"/v1/referrals/{rid}", headers=world.auth("cara"))
    assert referral.json()["status"] == "sustaining"
    twice = await client.post(f"/v1/meetings/{cid}/held", json={}, headers=world.auth("cara"))
    assert twice.status_code == 409 and "already held" in twice.json()["detail"]


async def test_a_meeting_is_rescheduled_then_cancelled_and_a_commitment_removed(
    client, world, clock
):
    sam = world.ids["sam"]
    made = await client.post(
        f"/v1/young-people/{sam}/meetings",
        json={"kind": "conference", "scheduled_at": (clock.now() + timedelta(days=5)).isoformat()},
        headers=world.auth("cara"),
    )
    mid = made.json()["id"]
    moved = await client.patch(
        f"/v1/meetings/{mid}",
        json={"scheduled_at": (clock.now() + timedelta(days=6)).isoformat(), "notes": "hall B"},
        headers=world.auth("cara"),
    )
    assert moved.status_code == 200 and moved.json()["notes"] == "hall B"
    commitment = await client.post(
        f"/v1/meetings/{mid}/commitments",
        json={"who": "young_person", "what": "Text Nan on Sundays", "frequency": "weekly"},
        headers=world.auth("cara"),
    )
    assert commitment.status_code == 201
    mismatched = await client.post(
        f"/v1/meetings/{mid}/commitments",
        json={"who": "connection", "what": "Visit", "frequency": "monthly"},
        headers=world.auth("cara"),
    )
    assert mismatched.status_code == 422 and "connection_id" in mismatched.json()["detail"]
    removed = await client.delete(
        f"/v1/commitments/{commitment.json()['id']}", headers=world.auth("cara")
    )
    assert removed.status_code == 204
    cancelled = await client.post(f"/v1/meetings/{mid}/cancel", headers=world.auth("cara"))
    assert cancelled.json()["cancelled_at"] is not None
    held = await client.post(f"/v1/meetings/{mid}/held", json={}, headers=world.auth("cara"))
    assert held.status_code == 409 and "cancelled" in held.json()["detail"]
    read = await client.get(f"/v1/meetings/{mid}", headers=world.auth("manager"))
    assert read.json()["kind"] == "conference"
