"""What leaves the team: exact JSON marked not for publication; CSV and pictures with every
count from 1 to 4 shown as "<5" and the statistics resting on them hidden.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime

import pytest

from models.core.enums import ReferralSource, ReferralStatus
from models.referrals.intake import create_referral
from models.reports import build_programme_report, to_csv, to_image, to_json
from models.reports.charts import render_page
from models.reports.exports import CSV_COLUMNS
from tests.support import factories
from tests.support.report_cohort import build_known_cohort
from tests.support.report_journeys import Journey, noon

APRIL, SEPTEMBER = date(2026, 4, 1), date(2026, 9, 30)


@pytest.fixture
async def report(session):
    org = await build_known_cohort(session)
    return await build_programme_report(
        session=session, now=noon("2026-10-20"), organisation=org, first=APRIL, last=SEPTEMBER
    )


def published(report) -> dict[tuple[str, str], dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(to_csv(report))))
    assert all(list(row) == CSV_COLUMNS for row in rows)
    return {(row["figure"], row["category"]): row for row in rows}


async def test_the_json_is_exact_and_says_it_is_not_for_publication(report):
    document = json.loads(json.dumps(to_json(report)))
    assert document["not_for_publication"] is True
    assert "NOT FOR PUBLICATION" in document["notice"]
    assert document["period"] == {
        "from": "2026-04-01",
        "to": "2026-09-30",
        "timezone": "Europe/London",
    }
    referrals = document["sections"]["referrals"]
    assert referrals["accepted"] == {"value": 3, "unit": "referrals", "base": 5, "percent": 60.0}
    assert referrals["received_by_source"]["coordinator"]["value"] == 1
    assert document["sections"]["time_taken"]["days_to_acceptance"]["p90"]["value"] == 4.4
    assert "Received in the period" in document["definitions"]["accepted"]


async def test_the_csv_is_one_tidy_table_with_small_numbers_suppressed(report):
    rows = published(report)
    received = rows[("received", "")]
    assert (received["value"], received["base"], received["section"]) == ("5", "5", "referrals")
    assert (received["organisation"], received["period_from"]) == (
        "Northshire Council (fictional)",
        "2026-04-01",
    )
    # Three accepted of five: "<5", and the 60% that would give it away is hidden.
    assert (rows[("accepted", "")]["value"], rows[("accepted", "")]["percent"]) == ("<5", "")
    # Conversion rests on four decisions: hidden, with its base.
    conversion = rows[("conversion_rate", "")]
    assert (conversion["value"], conversion["base"]) == ("suppressed", "<5")
    # Seven check-ins went out: shown; four answered: "<5"; the rate rests on seven: shown.
    assert rows[("check_ins_sent", "")]["value"] == "7"
    assert rows[("check_ins_answered", "")]["value"] == "<5"
    assert rows[("check_in_response_rate", "")]["value"] == "57.1"
    # Zero picks out nobody: shown, with its percentage.
    other = rows[("ethnicity", "Other ethnic group")]
    assert (other["value"], other["percent"]) == ("0", "0")
    # One answer in April: the month's mean wellbeing is hidden.
    assert rows[("wellbeing_mean", "2026-04")]["value"] == "suppressed"
    assert rows[("days_to_acceptance", "median")]["value"] == "suppressed"


async def test_no_published_count_is_between_one_and_four(report):
    for row in published(report).values():
        if row["unit"] in ("referrals", "young people", "meetings", "check-ins"):
            assert row["value"] not in {"1", "2", "3", "4"}, row
        assert row["base"] not in {"1", "2", "3", "4"}, row


async def test_a_single_young_person_is_exact_on_screen_and_hidden_in_exports(session):
    org = await factories.organisation(session, noon("2026-01-01"))
    sam = await Journey.start(session, org, name="Sam", received="2026-05-01", age=16)
    await sam.move(ReferralStatus.accepted, "2026-05-04")
    report = await build_programme_report(
        session=session, now=noon("2026-10-01"), organisation=org, first=APRIL, last=SEPTEMBER
    )
    sections = to_json(report)["sections"]
    assert sections["referrals"]["received"]["value"] == 1
    assert sections["referrals"]["conversion_rate"]["value"] == 100.0
    assert sections["time_taken"]["days_to_acceptance"]["median"]["value"] == 3.0
    assert sections["reach"]["age_band"]["16-17"] == {
        "value": 1,
        "unit": "young people",
        "base": 1,
        "percent": 100.0,
    }
    rows = published(report)
    assert rows[("received", "")]["value"] == "<5"
    assert rows[("age_band", "16-17")]["value"] == "<5"
    assert rows[("age_band", "16-17")]["percent"] == ""
    assert rows[("conversion_rate", "")]["value"] == "suppressed"

    # The picture gives nothing away either: no funnel bar is drawn for a count under five.
    page = render_page(report)
    funnel = page.axes[1]
    assert [bar.get_width() for bar in funnel.patches] == [0, 0, 0, 0, 0]
    labels = [text.get_text() for text in funnel.texts]
    assert labels.count("<5") == 2 and "1" not in labels
    assert to_image(report, "pdf").startswith(b"%PDF")
    assert to_image(report, "png").startswith(b"\x89PNG")


async def test_the_picture_draws_what_may_be_published(report):
    page = render_page(report)
    _, funnel, networks, wellbeing = page.axes
    assert [bar.get_width() for bar in funnel.patches] == [5, 0, 0, 0, 0]
    # Three paired young people: the before/after chart says why it is not shown.
    assert any("fewer than 5" in text.get_text() for text in networks.texts)
    assert len(wellbeing.lines) == 0 and any(
        "fewer than 5" in t.get_text() for t in wellbeing.texts
    )
    assert to_image(report, "pdf").startswith(b"%PDF")


async def test_the_period_is_whole_days_in_the_councils_time(session):
    org = await factories.organisation(session, noon("2026-01-01"))
    # 23:30 UTC on 31 March is 00:30 on 1 April in London (BST): inside an April period.
    for name, moment in (("Early", "2026-03-31T22:30"), ("Inside", "2026-03-31T23:30")):
        person = await factories.young_person(session, noon("2026-01-01"), org, name=name)
        await create_referral(
            session=session,
            now=datetime.fromisoformat(moment).replace(tzinfo=UTC),
            organisation=org,
            young_person=person,
            source=ReferralSource.self,
        )
    report = await build_programme_report(
        session=session, now=noon("2026-10-01"), organisation=org, first=APRIL, last=SEPTEMBER
    )
    assert report.value("received") == 1
