"""Young people: the caseload record, the write allowlist, consent, invites and the timeline."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy import func, select

from models import TellMessage, YoungPerson
from models.core.enums import TellKind
from models.referrals.invites import (
    ExpiredInviteError,
    UnknownInviteError,
    UsedInviteError,
    consume_invite,
)


async def test_a_coordinators_new_young_person_is_hers(client, world):
    answer = await client.post(
        "/v1/young-people",
        json={"preferred_name": "Riley", "cohort": "care_leaver", "date_of_birth": "2007-01-02"},
        headers=world.auth("cara"),
    )
    assert answer.status_code == 201, answer.text
    riley = answer.json()
    assert riley["coordinator_id"] == world.ids["cara"] and riley["telegram_linked"] is False
    listed = await client.get("/v1/young-people", headers=world.auth("cara"))
    assert {p["preferred_name"] for p in listed.json()["items"]} == {"Sam", "Riley"}


async def test_a_coordinator_may_not_reallocate_and_nothing_changes(client, world, sessionmaker):
    answer = await client.patch(
        f"/v1/young-people/{world.ids['sam']}",
        json={"preferred_name": "Sammy", "coordinator_id": world.ids["cara"]},
        headers=world.auth("cara"),
    )
    assert answer.status_code == 403
    assert "coordinator_id" in answer.json()["detail"]
    async with sessionmaker() as session:
        sam = await session.get_one(YoungPerson, world.ids["sam"])
    assert sam.preferred_name == "Sam"
    created = await client.post(
        "/v1/young-people",
        json={"preferred_name": "Riley", "cohort": "in_care", "coordinator_id": world.ids["dan"]},
        headers=world.auth("cara"),
    )
    assert created.status_code == 403


async def test_a_manager_reallocates_and_updates_settings(client, world):
    answer = await client.patch(
        f"/v1/young-people/{world.ids['sam']}",
        json={"coordinator_id": world.ids["dan"], "quiet_start": "20:00", "language": "cy"},
        headers=world.auth("manager"),
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["coordinator_id"] == world.ids["dan"]
    assert answer.json()["quiet_start"] == "20:00" and answer.json()["language"] == "cy"
    gone = await client.get(f"/v1/young-people/{world.ids['sam']}", headers=world.auth("cara"))
    assert gone.status_code == 404
    bad = await client.patch(
        f"/v1/young-people/{world.ids['sam']}",
        json={"timezone": "Mars/Olympus"},
        headers=world.auth("manager"),
    )
    assert bad.status_code == 422 and "timezone" in bad.json()["detail"]
    null = await client.patch(
        f"/v1/young-people/{world.ids['sam']}",
        json={"preferred_name": None},
        headers=world.auth("manager"),
    )
    assert null.status_code == 422 and "preferred_name" in null.json()["detail"]


async def test_unknown_fields_are_refused(client, world):
    answer = await client.patch(
        f"/v1/young-people/{world.ids['sam']}",
        json={"telegram_chat_id": 42},
        headers=world.auth("manager"),
    )
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "body.telegram_chat_id"


async def test_an_invite_needs_consent_for_the_bot_then_works_once(
    client, world, sessionmaker, clock
):
    sam = world.ids["sam"]
    refused = await client.post(f"/v1/young-people/{sam}/invite", headers=world.auth("cara"))
    assert refused.status_code == 409
    assert "bot_messages (from the young person)" in refused.json()["detail"]

    for kind in ("taking_part", "bot_messages"):
        for given_by, name in (("young_person", None), ("parental_responsibility", "Ms Jones")):
            given = await client.post(
                f"/v1/young-people/{sam}/consents",
                json={"kind": kind, "given_by": given_by, "given_by_name": name},
                headers=world.auth("cara"),
            )
            assert given.status_code == 201, given.text
    consents = await client.get(f"/v1/young-people/{sam}/consents", headers=world.auth("cara"))
    assert consents.json()["parental_responsibility_needed"] is True
    assert consents.json()["missing_for_invite"] == []
    assert consents.json()["missing_for_search"] == [
        "tracing (from the young person)",
        "tracing (from whoever holds parental responsibility)",
    ]

    invite = await client.post(f"/v1/young-people/{sam}/invite", headers=world.auth("cara"))
    assert invite.status_code == 201
    link = urlparse(invite.json()["link"])
    assert (link.netloc, link.path) == ("t.me", "/KithTestBot")
    code = parse_qs(link.query)["start"][0]
    assert len(code) <= 64

    async with sessionmaker() as session:
        used = await consume_invite(session=session, now=clock.now(), code=code)
        assert used.young_person_id == sam
        await session.commit()
        with pytest.raises(UsedInviteError):
            await consume_invite(session=session, now=clock.now(), code=code)
        with pytest.raises(UnknownInviteError):
            await consume_invite(session=session, now=clock.now(), code="made-up")

    second = await client.post(f"/v1/young-people/{sam}/invite", headers=world.auth("cara"))
    late = parse_qs(urlparse(second.json()["link"]).query)["start"][0]
    async with sessionmaker() as session:
        with pytest.raises(ExpiredInviteError):
            await consume_invite(session=session, now=clock.now() + timedelta(days=8), code=late)


async def test_parental_responsibility_must_say_who_and_withdrawal_keeps_the_record(client, world):
    sam = world.ids["sam"]
    nameless = await client.post(
        f"/v1/young-people/{sam}/consents",
        json={"kind": "tracing", "given_by": "parental_responsibility"},
        headers=world.auth("cara"),
    )
    assert nameless.status_code == 422 and "who" in nameless.json()["detail"]
    given = await client.post(
        f"/v1/young-people/{sam}/consents",
        json={"kind": "tracing", "given_by": "young_person"},
        headers=world.auth("cara"),
    )
    withdrawn = await client.post(
        f"/v1/young-people/{sam}/consents/{given.json()['id']}/withdraw",
        json={"reason": "wants to pause the search"},
        headers=world.auth("cara"),
    )
    assert withdrawn.status_code == 200
    assert withdrawn.json()["withdrawn_reason"] == "wants to pause the search"
    again = await client.post(
        f"/v1/young-people/{sam}/consents/{given.json()['id']}/withdraw",
        json={"reason": "again"},
        headers=world.auth("cara"),
    )
    assert again.status_code == 422
    elsewhere = await client.post(
        f"/v1/young-people/{world.ids['jo']}/consents/{given.json()['id']}/withdraw",
        json={"reason": "x"},
        headers=world.auth("manager"),
    )
    assert elsewhere.status_code == 404


async def test_the_timeline_tells_sams_story_in_date_order(client, world, sessionmaker, clock):
    sam = world.ids["sam"]
    await client.post(
        "/v1/referrals",
        json={"young_person_id": sam, "source": "social_worker"},
        headers=world.auth("manager"),
    )
    clock.advance(timedelta(hours=1))
    async with sessionmaker() as session:
        session.add(
            TellMessage(
                organisation_id=world.ids["north_org"],
                young_person_id=sam,
                kind=TellKind.good_news,
                text="I passed my test!",
                at=clock.now(),
            )
        )
        await session.commit()
    clock.advance(timedelta(hours=1))
    await client.post(
        f"/v1/young-people/{sam}/meetings",
        json={"kind": "planning", "scheduled_at": (clock.now() + timedelta(days=2)).isoformat()},
        headers=world.auth("cara"),
    )
    answer = await client.get(f"/v1/young-people/{sam}/timeline", headers=world.auth("cara"))
    entries = answer.json()["entries"]
    assert [e["kind"] for e in entries] == ["transition", "tell", "meeting"]
    assert entries[1]["text"] == "I passed my test!"
    assert [e["at"] for e in entries] == sorted(e["at"] for e in entries)


async def test_the_caseload_pages_by_cursor(client, world, sessionmaker):
    for number in range(4):
        await client.post(
            "/v1/young-people",
            json={"preferred_name": f"Young {number}", "cohort": "in_care"},
            headers=world.auth("manager"),
        )
    seen, cursor = [], None
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = await client.get("/v1/young-people", params=params, headers=world.auth("manager"))
        seen += [p["id"] for p in page.json()["items"]]
        cursor = page.json()["next_cursor"]
        if not cursor:
            break
    async with sessionmaker() as session:
        total = await session.scalar(
            select(func.count()).where(YoungPerson.organisation_id == world.ids["north_org"])
        )
    assert len(seen) == total == 6 and seen == sorted(seen)
