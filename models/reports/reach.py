"""Who the programme reaches: the young people referred in the period, described as a
DfE return and a corporate parenting panel ask (gender, ethnicity, age, cohort, disability).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import case, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.core.db import is_postgres
from models.core.enums import Cohort
from models.referrals.referral import Referral
from models.reports.census import CENSUS_GROUPS, census_group
from models.reports.figures import Figure, Unit, percent
from models.reports.period import ReportPeriod
from models.reports.sql import fetch, whole_years
from models.young_people.young_person import YoungPerson

NOT_RECORDED = "Not recorded"
AGE_BANDS = ["under 10", "10-15", "16-17", "18-21", "22-25", "over 25", NOT_RECORDED]
COHORT_LABELS = {
    Cohort.in_care: "in care",
    Cohort.care_leaver: "care leaver",
    Cohort.former_care_leaver: "former care leaver",
    Cohort.in_custody: "in custody",
    Cohort.uasc: "UASC",
    Cohort.not_sure: "not sure",
}


def _gender_label(recorded: str | None) -> str:
    if recorded is None or not recorded.strip():
        return NOT_RECORDED
    return recorded.strip().capitalize()


def _gender_order(genders: Counter[str]) -> list[str]:
    usual = ["Female", "Male"]
    others = sorted(k for k in genders if k not in usual and k != NOT_RECORDED)
    return [*usual, *others, NOT_RECORDED]


def _disability_label(recorded: bool | None) -> str:
    return {True: "disabled", False: "not disabled"}.get(recorded, NOT_RECORDED)  # type: ignore[arg-type]


async def reach_figures(
    *, session: AsyncSession, organisation_id: int, period: ReportPeriod
) -> list[Figure]:
    """Each young person referred in the period once, described at their first referral."""
    referred = (
        select(
            Referral.young_person_id.label("young_person_id"),
            func.min(Referral.received_at).label("first_received"),
        )
        .where(
            Referral.organisation_id == organisation_id,
            Referral.received_at >= period.starts_at,
            Referral.received_at < period.ends_at,
        )
        .group_by(Referral.young_person_id)
        .subquery("referred")
    )
    yp = YoungPerson
    age = func.coalesce(
        whole_years(yp.date_of_birth, referred.c.first_received, postgres=is_postgres(session)),
        yp.age_at_referral,
    )
    band = case(
        (age.is_(None), literal(NOT_RECORDED)),
        (age < 10, literal("under 10")),
        (age <= 15, literal("10-15")),
        (age <= 17, literal("16-17")),
        (age <= 21, literal("18-21")),
        (age <= 25, literal("22-25")),
        else_=literal("over 25"),
    )

    # One pass: every combination of the five, counted; the few combinations are summed here.
    combinations = await fetch(
        session,
        select(yp.gender, yp.ethnicity, yp.cohort, yp.disability, band.label("band"), func.count())
        .select_from(referred)
        .join(yp, (yp.id == referred.c.young_person_id) & (yp.organisation_id == organisation_id))
        .group_by(yp.gender, yp.ethnicity, yp.cohort, yp.disability, band),
    )
    genders: Counter[str] = Counter()
    ethnicities: Counter[str] = Counter()
    cohorts: Counter[str] = Counter()
    disability: Counter[str] = Counter()
    bands: Counter[str] = Counter()
    for gender, ethnicity, cohort, disabled, age_band, count in combinations:
        genders[_gender_label(gender)] += count
        ethnicities[census_group(ethnicity)] += count
        cohorts[COHORT_LABELS[Cohort(cohort)]] += count
        disability[_disability_label(disabled)] += count
        bands[str(age_band)] += count
    total = sum(cohorts.values())

    figures = [Figure("reach", "young_people_referred", total, Unit.young_people, base=total)]
    breakdowns: list[tuple[str, Counter[Any], list[str]]] = [
        ("gender", genders, _gender_order(genders)),
        ("ethnicity", ethnicities, CENSUS_GROUPS),
        ("age_band", bands, AGE_BANDS),
        ("cohort", cohorts, list(COHORT_LABELS.values())),
        ("disability", disability, ["disabled", "not disabled", NOT_RECORDED]),
    ]
    for name, counts, order in breakdowns:
        for category in order:
            count = int(counts.get(category, 0))
            figures.append(
                Figure(
                    "reach",
                    name,
                    count,
                    Unit.young_people,
                    category=category,
                    base=total,
                    percent=percent(count, total),
                )
            )
    return figures
