"""The programme report on a known cohort: every figure checked against a hand count.

The cohort is in cohort.py (nine young people in Northshire, one in Southshire); the period
is 1 April to 30 September 2026. The working for each figure is beside it.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from models import Referral, YoungPerson
from models.core.enums import ActorKind, ReferralStatus
from models.referrals.journey import move_referral
from models.reports import ReportPeriodError, build_programme_report
from tests.support.report_cohort import build_known_cohort
from tests.support.report_journeys import noon

APRIL, SEPTEMBER = date(2026, 4, 1), date(2026, 9, 30)


@pytest.fixture
async def report(session):
    org = await build_known_cohort(session)
    return await build_programme_report(
        session=session, now=noon("2026-10-20"), organisation=org, first=APRIL, last=SEPTEMBER
    )


def exact(report, figure, category=""):
    found = report.get(figure, category)
    return found.value, found.percent, found.base


async def test_referrals_received_in_the_period_and_how_far_they_got(report):
    # Received Apr-Sep: Ava, Ben, Cai, Dee, Eli (Jo is Southshire's; Fay..Isa came earlier).
    assert exact(report, "received") == (5, None, 5)
    assert exact(report, "received_by_source", "social worker") == (2, 40.0, 5)  # Ava, Cai
    assert exact(report, "received_by_source", "self-referral") == (2, 40.0, 5)  # Ben, Eli
    assert exact(report, "received_by_source", "coordinator") == (1, 20.0, 5)  # Dee
    # Dee was accepted twice (opted out, came back): one referral, counted once.
    assert exact(report, "accepted") == (3, 60.0, 5)  # Ava, Ben, Dee
    assert exact(report, "allocated") == (3, 60.0, 5)  # Ava, Ben, Dee
    assert exact(report, "initial_planning_meeting_held") == (2, 40.0, 5)  # Ava, Ben
    assert exact(report, "conference_held") == (1, 20.0, 5)  # Ava
    assert exact(report, "declined") == (1, 20.0, 5)  # Cai
    assert exact(report, "withdrawn") == (1, 20.0, 5)  # Ben
    assert exact(report, "opted_out") == (1, 20.0, 5)  # Dee
    assert exact(report, "decided") == (4, None, 5)  # 3 accepted + 1 declined
    assert exact(report, "conversion_rate") == (75.0, None, 4)  # 3 / 4


async def test_activity_in_the_period_and_caseload_at_its_end(report):
    assert report.value("initial_planning_meetings_held") == 2  # Ava 1 May, Ben 20 May
    assert report.value("conferences_held") == 1  # Ava 10 June (Fay's was in January)
    assert report.value("reviews_held") == 1  # Hal 15 June
    assert report.value("closed") == 1  # Fay 1 July (Isa closed in February)
    # At 30 September: Ava, Gus, Hal sustaining; Dee allocated. Ben withdrawn, Cai declined,
    # Eli received (not yet active), Fay and Isa closed.
    assert report.value("active_interventions") == 4
    assert report.value("in_sustaining") == 3


async def test_time_taken_counts_steps_taken_in_the_period(report):
    # Accepted in the period: Ben 2 days, Dee 2 (first acceptance only), Ava 5.
    # p90 of [2, 2, 5]: position 0.9 * 2 = 1.8 → 2 + 0.8 * (5 - 2) = 4.4.
    assert exact(report, "days_to_acceptance", "referrals") == (3, None, None)
    assert report.value("days_to_acceptance", "median") == 2.0
    assert report.value("days_to_acceptance", "p90") == 4.4
    # Allocated: Ava 10, Ben 12, Dee 30 → median 12; p90 12 + 0.8 * 18 = 26.4.
    assert report.value("days_to_allocation", "median") == 12.0
    assert report.value("days_to_allocation", "p90") == 26.4
    # Conference held in the period: Ava, 10 April → 10 June = 61 days.
    assert exact(report, "days_to_conference", "median") == (61.0, None, 1)
    assert report.value("days_to_conference", "p90") == 61.0
    # Closed in the period: Fay, 1 October 2025 → 1 July 2026 = 273 days.
    assert report.value("days_to_closure", "median") == 273.0
    # Supported after their conference in the period: Ava, Fay (closed in July), Gus, Hal.
    # Isa left before the period began.
    assert report.value("supported_young_people") == 4
    # Check-ins due in the period that went out: Ava 3, Fay 1, Gus 1, Hal 2 = 7 → 7 / 4.
    assert report.value("check_ins_per_young_person") == 1.75
    assert report.value("reviews_per_young_person") == 0.25  # 1 review / 4


async def test_who_is_reached(report):
    # Ava, Ben, Cai, Dee, Eli.
    assert report.value("young_people_referred") == 5
    assert exact(report, "gender", "Female") == (2, 40.0, 5)  # Ava, Dee
    assert exact(report, "gender", "Male") == (2, 40.0, 5)  # Ben "Male", Eli "male"
    assert exact(report, "gender", "Not recorded") == (1, 20.0, 5)  # Cai
    ethnicity = {f.category: f.value for f in report.breakdown("ethnicity")}
    assert ethnicity == {
        "Asian, Asian British or Asian Welsh": 1,  # Eli
        "Black, Black British, Black Welsh, Caribbean or African": 1,  # Ben
        "Mixed or Multiple ethnic groups": 1,  # Dee
        "White": 1,  # Ava (WBRI)
        "Other ethnic group": 0,
        "Refused": 0,
        "Not recorded": 1,  # Cai
    }
    # Ava's date of birth (1 June 2010) wins over the age typed at referral: 15 on 10 April.
    ages = {f.category: f.value for f in report.breakdown("age_band")}
    assert ages == {
        "under 10": 1,  # Eli 9
        "10-15": 1,  # Ava 15
        "16-17": 1,  # Ben 17
        "18-21": 1,  # Cai 19
        "22-25": 1,  # Dee 22
        "over 25": 0,
        "Not recorded": 0,
    }
    cohorts = {f.category: f.value for f in report.breakdown("cohort")}
    assert cohorts == {
        "in care": 2,  # Ava, Eli
        "care leaver": 2,  # Ben, Cai
        "former care leaver": 1,  # Dee
        "in custody": 0,
        "UASC": 0,
        "not sure": 0,
    }
    assert exact(report, "disability", "disabled") == (1, 20.0, 5)  # Ben
    assert exact(report, "disability", "not disabled") == (2, 40.0, 5)  # Ava, Dee
    assert exact(report, "disability", "Not recorded") == (2, 40.0, 5)  # Cai, Eli


async def test_networks_grow_and_connections_are_agreed(report):
    # Paired before/after among the supported: Ava 5→18, Fay 7→26, Gus 6→20 (Hal: before only;
    # Jo's 2→40 is Southshire's).
    assert report.value("network_size_young_people") == 3
    assert exact(report, "network_size_at_referral", "mean") == (6.0, None, 3)
    assert report.value("network_size_at_referral", "median") == 6.0
    assert report.value("network_size_after_conference", "mean") == 21.3  # 64 / 3
    assert report.value("network_size_after_conference", "median") == 20.0
    # Agreed by 30 September: Ava 3 (a fourth agreed in October), Fay 2, Gus 0, Hal 1.
    assert exact(report, "agreed_connections_per_young_person", "mean") == (1.5, None, 4)
    assert report.value("agreed_connections_per_young_person", "median") == 1.5


async def test_check_ins_and_wellbeing_over_months(report):
    # Went out: Ava answered, answered, missed; Fay answered (July one cancelled); Gus answered;
    # Hal missed, sent. Isa's was cancelled.
    assert report.value("check_ins_sent") == 7
    assert exact(report, "check_ins_answered") == (4, 57.1, 7)
    assert exact(report, "check_in_response_rate") == (57.1, None, 7)
    months = {f.category: (f.value, f.base) for f in report.breakdown("wellbeing_mean")}
    assert months == {
        "2026-04": (2.0, 1),  # Fay, answered 11 April
        "2026-05": (4.0, 1),  # Gus
        "2026-06": (3.0, 1),  # Ava
        "2026-07": (4.0, 1),  # Ava
    }


async def test_sdq_change_where_recorded(report):
    # Two or more SDQ totals among the supported: Ava 20→14, Gus 25→17, Hal 30→31 (Fay: one).
    assert report.value("sdq_young_people") == 3
    assert report.value("sdq_first", "mean") == 25.0
    assert report.value("sdq_latest", "mean") == 20.7  # 62 / 3
    assert report.value("sdq_change", "mean") == -4.3  # (-6 - 8 + 1) / 3
    assert report.value("sdq_change", "median") == -6.0
    assert exact(report, "sdq_improved") == (2, 66.7, 3)


async def test_placement_stability_in_the_year_after_the_conference(report):
    # In care, twelve months after the conference ending in the period: Gus (May 2025) and
    # Hal (August 2025). Isa is a care leaver. Gus moved in November 2025; Hal's move came
    # after his twelve months.
    assert report.value("placement_followed_up") == 2
    assert exact(report, "placement_no_move_12_months") == (1, 50.0, 2)
    assert report.value("placement_stability") == 50.0


async def test_an_empty_period_reports_zeros_and_no_statistics(session):
    org = await build_known_cohort(session)
    report = await build_programme_report(
        session=session,
        now=noon("2026-10-20"),
        organisation=org,
        first=date(2020, 1, 1),
        last=date(2020, 12, 31),
    )
    counts = [f for f in report.figures if f.is_count]
    assert counts and all(f.value == 0 for f in counts)
    assert report.value("conversion_rate") is None
    assert report.value("days_to_conference", "median") is None
    assert report.value("check_in_response_rate") is None
    assert report.value("network_size_after_conference", "mean") is None
    assert report.breakdown("wellbeing_mean") == []


async def test_a_period_that_ends_before_it_starts_is_refused(session):
    org = await build_known_cohort(session)
    with pytest.raises(ReportPeriodError, match="ends"):
        await build_programme_report(
            session=session, now=noon("2026-10-20"), organisation=org, first=SEPTEMBER, last=APRIL
        )


async def test_the_caseload_is_where_referrals_stood_at_the_end_not_where_they_stand_now(session):
    org = await build_known_cohort(session)
    ava = await session.scalar(
        select(Referral).join(YoungPerson).where(YoungPerson.preferred_name == "Ava")
    )
    await move_referral(
        session=session,
        referral=ava,
        to=ReferralStatus.withdrawn,
        now=noon("2026-10-05"),
        by_kind=ActorKind.user,
        reason="moved to another council",
    )
    september = await build_programme_report(
        session=session, now=noon("2026-10-20"), organisation=org, first=APRIL, last=SEPTEMBER
    )
    # Ava was still sustaining on 30 September.
    assert september.value("active_interventions") == 4
    assert september.value("in_sustaining") == 3
    october = await build_programme_report(
        session=session,
        now=noon("2026-10-20"),
        organisation=org,
        first=APRIL,
        last=date(2026, 10, 31),
    )
    assert october.value("active_interventions") == 3
    assert october.value("in_sustaining") == 2
