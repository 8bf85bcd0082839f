"""The referral pipeline: a social worker's referral, triage, allocation, moves and their limits."""

from __future__ import annotations

from datetime import timedelta

from models import User, YoungPerson
from models.staff.tokens import issue_token
from tests.support.records import give_all_consents


async def _refer(client, world, who="manager", person="sam", priority="standard"):
    answer = await client.post(
        "/v1/referrals",
        json={
            "young_person_id": world.ids[person],
            "source": "social_worker",
            "priority": priority,
            "referrer_name": "Alex Patel",
        },
        headers=world.auth(who),
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


async def _move(client, world, referral_id, who="manager", **body):
    return await client.post(
        f"/v1/referrals/{referral_id}/moves", json=body, headers=world.auth(who)
    )


async def test_a_referral_goes_from_received_to_searching(client, world, sessionmaker, clock):
    referral = await _refer(client, world)
    assert referral["status"] == "received"
    assert referral["eligible"] is True
    assert sorted(referral["allowed_moves"]) == ["accepted", "declined", "opted_out", "withdrawn"]

    assert (await _move(client, world, referral["id"], to="accepted")).status_code == 201
    allocated = await _move(
        client, world, referral["id"], to="allocated", coordinator_id=world.ids["dan"]
    )
    assert allocated.status_code == 201
    # Allocation hands Sam to Dan: Cara no longer reaches her, Dan does.
    assert (
        await client.get(f"/v1/referrals/{referral['id']}", headers=world.auth("cara"))
    ).status_code == 404
    planning = await _move(client, world, referral["id"], who="dan", to="planning")
    assert planning.status_code == 409
    assert "taking_part (from the young person)" in planning.json()["detail"]
    assert "parental responsibility" in planning.json()["detail"]

    async with sessionmaker() as session:
        sam = await session.get_one(YoungPerson, world.ids["sam"])
        await give_all_consents(session, clock.now(), sam)
        await session.commit()
    clock.advance(timedelta(hours=2))
    assert (await _move(client, world, referral["id"], who="dan", to="planning")).status_code == 201
    searching = await _move(client, world, referral["id"], who="dan", to="searching")
    assert searching.status_code == 201
    journey = searching.json()["transitions"]
    assert [t["to_status"] for t in journey] == [
        "received",
        "accepted",
        "allocated",
        "planning",
        "searching",
    ]
    assert journey[-1]["by_user_id"] == world.ids["dan"]


async def test_an_illegal_move_names_both_states(client, world):
    referral = await _refer(client, world)
    answer = await _move(client, world, referral["id"], to="searching")
    assert answer.status_code == 409
    assert answer.headers["content-type"] == "application/problem+json"
    assert "'received'" in answer.json()["detail"] and "'searching'" in answer.json()["detail"]
    sustaining = await _move(client, world, referral["id"], to="sustaining")
    assert sustaining.status_code == 422  # reached only by holding the conference


async def test_triage_and_allocation_are_a_managers(client, world):
    referral = await _refer(client, world, who="cara")
    for target in ("accepted", "declined"):
        answer = await _move(client, world, referral["id"], who="cara", to=target, reason="x")
        assert answer.status_code == 403
        assert "manager" in answer.json()["detail"]


async def test_declining_needs_a_reason_and_allocating_a_coordinator(client, world):
    referral = await _refer(client, world)
    no_reason = await _move(client, world, referral["id"], to="declined")
    assert no_reason.status_code == 422 and "reason" in no_reason.json()["detail"]
    await _move(client, world, referral["id"], to="accepted")
    nobody = await _move(client, world, referral["id"], to="allocated")
    assert nobody.status_code == 422 and "coordinator_id" in nobody.json()["detail"]
    stranger = await _move(
        client, world, referral["id"], to="allocated", coordinator_id=world.ids["south"]
    )
    assert stranger.status_code == 422


async def test_a_young_person_who_opted_out_comes_back_where_they_left(client, world):
    referral = await _refer(client, world)
    await _move(client, world, referral["id"], to="accepted")
    assert (await _move(client, world, referral["id"], to="opted_out")).status_code == 201
    wrong = await _move(client, world, referral["id"], to="received")
    assert wrong.status_code == 409 and "'accepted'" in wrong.json()["detail"]
    assert (await _move(client, world, referral["id"], to="accepted")).status_code == 201


async def _fresh_token(sessionmaker, clock, user_id):
    async with sessionmaker() as session:
        user = await session.get_one(User, user_id)
        issued = await issue_token(session=session, now=clock.now(), user=user)
        await session.commit()
    return issued.plaintext


async def test_the_pipeline_filters_sorts_and_pages(client, world, clock, sessionmaker):
    made = []
    for number in range(5):
        clock.advance(timedelta(minutes=30))
        made.append(await _refer(client, world, priority="urgent" if number % 2 else "standard"))
    await _refer(client, world, who="manager", person="jo")
    clock.set(clock.now() + timedelta(days=10))
    world.tokens["manager"] = await _fresh_token(sessionmaker, clock, world.ids["manager"])
    world.tokens["cara"] = await _fresh_token(sessionmaker, clock, world.ids["cara"])
    await _move(client, world, made[0]["id"], to="accepted")

    pages, cursor = [], None
    while True:
        query = {"limit": 2, "sort": "received_at", "status": "received"}
        if cursor:
            query["cursor"] = cursor
        answer = await client.get("/v1/referrals", params=query, headers=world.auth("manager"))
        assert answer.status_code == 200, answer.text
        pages.append([r["id"] for r in answer.json()["items"]])
        cursor = answer.json()["next_cursor"]
        if cursor is None:
            break
    flat = [i for page in pages for i in page]
    assert flat == sorted(flat) and len(flat) == 5 and made[0]["id"] not in flat

    urgent = await client.get(
        "/v1/referrals", params={"priority": "urgent"}, headers=world.auth("manager")
    )
    assert {r["id"] for r in urgent.json()["items"]} == {made[1]["id"], made[3]["id"]}
    waiting = await client.get(
        "/v1/referrals",
        params={"waiting_days": 5, "status": ["received", "accepted"]},
        headers=world.auth("manager"),
    )
    assert made[0]["id"] not in {r["id"] for r in waiting.json()["items"]}
    assert len(waiting.json()["items"]) == 5
    for_dan = await client.get(
        "/v1/referrals", params={"coordinator_id": world.ids["dan"]}, headers=world.auth("manager")
    )
    assert {r["young_person_id"] for r in for_dan.json()["items"]} == {world.ids["jo"]}
    newest = await client.get(
        "/v1/referrals", params={"sort": "-received_at", "limit": 1}, headers=world.auth("manager")
    )
    assert newest.json()["items"][0]["young_person_id"] == world.ids["jo"]
    cara = await client.get("/v1/referrals", headers=world.auth("cara"))
    assert {r["young_person_id"] for r in cara.json()["items"]} == {world.ids["sam"]}


async def test_a_forged_cursor_is_a_problem_not_a_crash(client, world):
    for cursor in ("nonsense", "W10", "WyJ4IiwgMV0", "eyJhIjoxfQ"):
        answer = await client.get(
            "/v1/referrals", params={"cursor": cursor}, headers=world.auth("manager")
        )
        assert answer.status_code == 422, cursor
        assert "cursor" in answer.json()["detail"]


async def test_self_referrals_come_only_through_the_bot(client, world):
    answer = await client.post(
        "/v1/referrals",
        json={"young_person_id": world.ids["sam"], "source": "self"},
        headers=world.auth("manager"),
    )
    assert answer.status_code == 422
    assert "source" in answer.json()["detail"]
