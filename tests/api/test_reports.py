"""A team manager takes the programme report to the DfE and the panel: exact on screen,
suppressed in every export, for her own council only."""

from __future__ import annotations

import csv
import io

from sqlalchemy import select

from models import AuditEvent, Organisation, YoungPerson
from models.core.enums import ActorKind, ReferralSource, ReferralStatus
from models.referrals.intake import create_referral
from models.referrals.journey import move_referral

PERIOD = {"from": "2026-01-01", "to": "2026-03-31"}


async def _refer_sam_and_jo(sessionmaker, clock, world) -> None:
    async with sessionmaker() as session:
        north = await session.get_one(Organisation, world.ids["north_org"])
        for name in ("sam", "jo"):
            person = await session.get_one(YoungPerson, world.ids[name])
            referral = await create_referral(
                session=session,
                now=clock.now(),
                organisation=north,
                young_person=person,
                source=ReferralSource.social_worker,
            )
            if name == "sam":
                await move_referral(
                    session=session,
                    referral=referral,
                    to=ReferralStatus.accepted,
                    now=clock.now(),
                    by_kind=ActorKind.user,
                )
        await session.commit()


async def test_the_manager_sees_exact_figures_marked_not_for_publication(
    client, world, sessionmaker, clock
):
    await _refer_sam_and_jo(sessionmaker, clock, world)
    answer = await client.get("/v1/reports/programme", params=PERIOD, headers=world.auth("manager"))
    assert answer.status_code == 200
    report = answer.json()
    assert report["not_for_publication"] is True
    assert report["period"]["from"] == "2026-01-01"
    referrals = report["sections"]["referrals"]
    assert referrals["received"]["value"] == 2
    assert referrals["accepted"] == {"value": 1, "unit": "referrals", "base": 2, "percent": 50.0}


async def test_exports_suppress_small_numbers_and_are_audited(client, world, sessionmaker, clock):
    await _refer_sam_and_jo(sessionmaker, clock, world)
    published = await client.get(
        "/v1/reports/programme", params=PERIOD | {"format": "csv"}, headers=world.auth("manager")
    )
    assert published.status_code == 200
    assert published.headers["content-type"].startswith("text/csv")
    assert "attachment" in published.headers["content-disposition"]
    rows = {
        (row["figure"], row["category"]): row for row in csv.DictReader(io.StringIO(published.text))
    }
    assert rows[("received", "")]["value"] == "<5"
    assert rows[("accepted", "")]["percent"] == ""
    pdf = await client.get(
        "/v1/reports/programme", params=PERIOD | {"format": "pdf"}, headers=world.auth("manager")
    )
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    png = await client.get(
        "/v1/reports/programme", params=PERIOD | {"format": "png"}, headers=world.auth("manager")
    )
    assert png.content.startswith(b"\x89PNG")
    async with sessionmaker() as session:
        events = list(
            await session.scalars(select(AuditEvent).where(AuditEvent.entity == "programme_report"))
        )
    assert [e.action for e in events] == ["export", "export", "export"]
    assert all(e.actor_user_id == world.ids["manager"] for e in events)
    assert all(e.route == "GET /v1/reports/programme" for e in events)


async def test_each_manager_sees_only_her_own_council(client, world, sessionmaker, clock):
    await _refer_sam_and_jo(sessionmaker, clock, world)
    south = await client.get(
        "/v1/reports/programme", params=PERIOD, headers=world.auth("south_manager")
    )
    assert south.json()["organisation_slug"] == "southshire"
    assert south.json()["sections"]["referrals"]["received"]["value"] == 0


async def test_only_a_manager_may_have_the_report(client, world):
    for who in ("cara", "admin"):
        answer = await client.get("/v1/reports/programme", headers=world.auth(who))
        assert answer.status_code == 403
        assert answer.headers["content-type"] == "application/problem+json"
        assert "manager" in answer.json()["detail"]


async def test_a_bad_period_is_a_problem_naming_it(client, world):
    for params, words in (
        ({"from": "2026-04-01", "to": "2026-01-01"}, "ends"),
        ({"from": "0001-01-01", "to": "2026-01-01"}, "outside the years"),
        ({"from": "April", "to": "2026-01-01"}, "from"),
        ({"format": "xlsx"}, "format"),
    ):
        answer = await client.get(
            "/v1/reports/programme", params=params, headers=world.auth("manager")
        )
        assert answer.status_code == 422, params
        assert answer.headers["content-type"] == "application/problem+json"
        assert words in answer.json()["detail"]


async def test_without_dates_it_covers_the_reporting_year_so_far(client, world):
    # The test clock stands at 2 March 2026: the reporting year began on 1 April 2025.
    answer = await client.get("/v1/reports/programme", headers=world.auth("manager"))
    assert answer.json()["period"] == {
        "from": "2025-04-01",
        "to": "2026-03-02",
        "timezone": "Europe/London",
    }
