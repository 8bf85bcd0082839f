"""Meetings, the conference plan, check-ins, measures, nudges and what needs Cara today."""

from __future__ import annotations

from datetime import timedelta

from models import YoungPerson
from models.core.enums import NudgeKind, Urgency
from models.nudges.raising import raise_nudge
from tests.support.records import give_all_consents


async def _to_conference_planned(client, world, sessionmaker, clock):
    async with sessionmaker() as session:
        sam = await session.get_one(YoungPerson, world.ids["sam"])
        await give_all_consents(session, clock.now(), sam)
        await session.commit()
    referral = await client.post(
        "/v1/referrals",
        json={"young_person_id": world.ids["sam"], "source": "social_worker"},
        headers=world.auth("manager"),
    )
    rid = referral.json()["id"]
    for body in ({"to": "accepted"}, {"to": "allocated", "coordinator_id": world.ids["cara"]}):
        assert (
            await client.post(
                f"/v1/referrals/{rid}/moves", json=body, headers=world.auth("manager")
            )
        ).status_code == 201
    return rid


async def test_holding_the_meetings_moves_the_journey_and_schedules_check_ins(
    client, world, sessionmaker, clock
):
    rid = await _to_conference_planned(client, world, sessionmaker, clock)
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


async def test_measures_keep_the_sdq_in_its_range(client, world):
    sam = world.ids["sam"]
    ok = await client.post(
        f"/v1/young-people/{sam}/measures",
        json={"kind": "sdq_total", "value": 18, "recorded_on": "2026-03-01"},
        headers=world.auth("cara"),
    )
    assert ok.status_code == 201 and ok.json()["recorded_by"] == world.ids["cara"]
    too_high = await client.post(
        f"/v1/young-people/{sam}/measures",
        json={"kind": "sdq_total", "value": 41, "recorded_on": "2026-03-01"},
        headers=world.auth("cara"),
    )
    assert too_high.status_code == 422 and "40" in too_high.json()["detail"]
    listed = await client.get(f"/v1/young-people/{sam}/measures", headers=world.auth("cara"))
    assert [m["value"] for m in listed.json()["items"]] == [18]


async def test_nudges_urgent_first_then_acknowledged_and_resolved_by_a_person(
    client, world, sessionmaker, clock
):
    async with sessionmaker() as session:
        sam = await session.get_one(YoungPerson, world.ids["sam"])
        jo = await session.get_one(YoungPerson, world.ids["jo"])
        await raise_nudge(
            session=session,
            now=clock.now(),
            organisation_id=sam.organisation_id,
            kind=NudgeKind.checkin_missed,
            young_person=sam,
        )
        await raise_nudge(
            session=session,
            now=clock.now(),
            organisation_id=sam.organisation_id,
            kind=NudgeKind.concern,
            young_person=sam,
            urgency=Urgency.urgent,
            detail="[unsafe] I don't feel safe",
        )
        await raise_nudge(
            session=session,
            now=clock.now(),
            organisation_id=jo.organisation_id,
            kind=NudgeKind.told,
            young_person=jo,
        )
        await session.commit()
    today = await client.get("/v1/today", headers=world.auth("cara"))
    assert [n["kind"] for n in today.json()["nudges"]] == ["concern", "checkin_missed"]
    mine = await client.get("/v1/nudges", headers=world.auth("cara"))
    assert {n["kind"] for n in mine.json()["items"]} == {"concern", "checkin_missed"}
    team = await client.get("/v1/nudges", headers=world.auth("manager"))
    assert len(team.json()["items"]) == 3
    concern = next(n for n in mine.json()["items"] if n["kind"] == "concern")
    acked = await client.post(f"/v1/nudges/{concern['id']}/acknowledge", headers=world.auth("cara"))
    assert acked.json()["state"] == "acknowledged"
    resolved = await client.post(f"/v1/nudges/{concern['id']}/resolve", headers=world.auth("cara"))
    assert resolved.json()["state"] == "resolved"
    jos = next(n for n in team.json()["items"] if n["kind"] == "told")
    assert (
        await client.post(f"/v1/nudges/{jos['id']}/resolve", headers=world.auth("cara"))
    ).status_code == 404


async def test_today_shows_overdue_check_ins_meetings_reviews_and_waiting_referrals(
    client, world, clock
):
    sam = world.ids["sam"]
    await client.post(
        f"/v1/young-people/{sam}/check-ins",
        json={"due_at": (clock.now() + timedelta(hours=1)).isoformat()},
        headers=world.auth("cara"),
    )
    await client.post(
        f"/v1/young-people/{sam}/meetings",
        json={"kind": "review", "scheduled_at": (clock.now() + timedelta(hours=3)).isoformat()},
        headers=world.auth("cara"),
    )
    await client.patch(
        f"/v1/young-people/{sam}", json={"review_due_on": "2026-03-05"}, headers=world.auth("cara")
    )
    await client.post(
        "/v1/referrals",
        json={"young_person_id": sam, "source": "coordinator"},
        headers=world.auth("cara"),
    )
    clock.advance(timedelta(hours=2))
    today = (await client.get("/v1/today", headers=world.auth("cara"))).json()
    assert len(today["overdue_check_ins"]) == 1
    assert [m["kind"] for m in today["meetings"]] == ["review"]
    assert [r["young_person_id"] for r in today["reviews_due"]] == [sam]
    assert today["referrals_waiting"] == []
    manager = (await client.get("/v1/today", headers=world.auth("manager"))).json()
    assert [r["status"] for r in manager["referrals_waiting"]] == ["received"]


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
