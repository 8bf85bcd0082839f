"""Nudges through the API: urgent first; acknowledged and resolved only by a person."""

from __future__ import annotations

from models import YoungPerson
from models.core.enums import NudgeKind, Urgency
from models.nudges.raising import raise_nudge


async def test_nudges_urgent_first_then_acknowledged_and_resolved_by_a_person(
    client, world, sessionmaker, clock
):
    async with sessionmaker() as session:
        sam = await session.get_one(YoungPerson, world.ids["sam"])
        jo = await session.get_one(YoungPerson, world.ids["jo"])
        await raise_nudge(
            session=session,
            now=clock.now(),
            kind=NudgeKind.checkin_missed,
            young_person=sam,
        )
        await raise_nudge(
            session=session,
            now=clock.now(),
            kind=NudgeKind.concern,
            young_person=sam,
            urgency=Urgency.urgent,
            detail="[unsafe] I don't feel safe",
        )
        await raise_nudge(
            session=session,
            now=clock.now(),
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
