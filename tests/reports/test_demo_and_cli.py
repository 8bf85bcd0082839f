"""`kith demo-data` builds a fictional cohort through the rules; `kith report` prints it."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from kith.demo import build_demo_cohort
from kith.demo.people import FIRST_NAMES
from models.reports import build_programme_report
from tests.support import factories
from tests.support.report_journeys import noon
from tests.test_cli import _kith


async def test_the_demo_cohort_walks_the_journey_and_fills_every_section(session):
    org = await factories.organisation(session, noon("2024-01-01"), slug="demo")
    await factories.user(session, noon("2024-01-01"), org)
    summary = await build_demo_cohort(
        session=session, organisation=org, until=date(2026, 11, 1), young_people=60, seed=3
    )
    assert summary.young_people == 60
    assert {"sustaining", "closed"} <= set(summary.by_status)
    report = await build_programme_report(
        session=session,
        now=noon("2026-11-02"),
        organisation=org,
        first=date(2025, 11, 1),
        last=date(2026, 10, 31),
    )
    assert (report.value("received") or 0) > 0
    assert (report.value("network_size_after_conference", "mean") or 0) > (
        report.value("network_size_at_referral", "mean") or 0
    )
    assert report.breakdown("wellbeing_mean")
    assert report.value("placement_stability") is not None


async def test_the_same_seed_builds_the_same_cohort(session):
    first = await factories.organisation(session, noon("2024-01-01"), slug="demo-a")
    second = await factories.organisation(session, noon("2024-01-01"), slug="demo-b")
    a = await build_demo_cohort(
        session=session, organisation=first, until=date(2026, 11, 1), young_people=25
    )
    b = await build_demo_cohort(
        session=session, organisation=second, until=date(2026, 11, 1), young_people=25
    )
    assert a.by_status == b.by_status


def test_fictional_names_are_first_names_only():
    assert all(" " not in name for name in FIRST_NAMES)


def test_a_manager_gets_the_report_from_the_command_line(tmp_path):
    assert _kith(tmp_path, "migrate").returncode == 0
    made = _kith(tmp_path, "demo-data", "--young-people", "40", "--until", "2026-11-01")
    assert made.returncode == 0, made.stderr
    assert "40 fictional young people" in made.stdout and "manager@demo.example" in made.stdout
    period = ["--org", "demo", "--from", "2025-11-01", "--to", "2026-10-31"]

    published = _kith(tmp_path, "report", *period, "--format", "csv")
    assert published.returncode == 0, published.stderr
    rows = list(csv.DictReader(io.StringIO(published.stdout)))
    assert rows[0]["figure"] == "received" and rows[0]["organisation"] == "Demo Council (fictional)"

    exact = _kith(tmp_path, "report", *period, "--format", "json")
    document = json.loads(exact.stdout)
    assert document["not_for_publication"] is True
    assert str(document["sections"]["referrals"]["received"]["value"]) == rows[0]["value"]

    picture = _kith(tmp_path, "report", *period, "--format", "pdf", "-o", "panel.pdf")
    assert picture.returncode == 0, picture.stderr
    assert (tmp_path / "panel.pdf").read_bytes().startswith(b"%PDF")


def test_bad_report_requests_exit_2_with_a_clear_message(tmp_path):
    assert _kith(tmp_path, "migrate").returncode == 0
    backwards = _kith(
        tmp_path, "report", "--org", "x", "--from", "2026-04-01", "--to", "2026-01-01"
    )
    assert backwards.returncode == 2 and "ends" in backwards.stderr
    nobody = _kith(tmp_path, "report", "--org", "x", "--from", "2026-01-01", "--to", "2026-04-01")
    assert nobody.returncode == 2 and "no organisation with slug 'x'" in nobody.stderr
    garbled = _kith(tmp_path, "report", "--org", "x", "--from", "April", "--to", "May")
    assert garbled.returncode == 2 and "2026-04-01" in garbled.stderr
    assert "Traceback" not in nobody.stderr + backwards.stderr + garbled.stderr
