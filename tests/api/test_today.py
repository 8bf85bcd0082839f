"""What needs Cara today: overdue check-ins, meetings, reviews due, referrals waiting."""

from __future__ import annotations

from datetime import timedelta


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
