"""Network size before and after the conference, and SDQ change, for the supported young
people: one windowed query over their measures picks each one's first and latest values.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.enums import MeasureKind
from models.measure import Measure
from models.reports.figures import Figure, Unit, percent, rounded, summarise
from models.reports.period import ReportPeriod
from models.reports.sql import fetch, supported


async def measure_figures(
    *, session: AsyncSession, organisation_id: int, period: ReportPeriod
) -> list[Figure]:
    people = supported(organisation_id, period.starts_at, period.ends_at)
    m = Measure
    # One sort serves both windows: each person's measures of a kind, oldest first.
    series = (m.young_person_id, m.kind)
    ranked = (
        select(
            m.young_person_id.label("person"),
            m.kind.label("kind"),
            m.value.label("value"),
            (m.recorded_on <= people.c.conference_at).label("before"),
            func.row_number()
            .over(partition_by=series, order_by=(m.recorded_on.asc(), m.id.asc()))
            .label("position"),
            func.count().over(partition_by=series).label("length"),
        )
        .join(people, people.c.young_person_id == m.young_person_id)
        .where(
            m.organisation_id == organisation_id,
            m.kind.in_([MeasureKind.network_size, MeasureKind.sdq_total]),
            m.recorded_on < period.ends_on,
        )
        .subquery("ranked")
    )
    r = ranked.c
    rows = await fetch(
        session,
        select(r.person, r.kind, r.value, r.before, r.position, r.length).where(
            (r.position == 1) | (r.position == r.length)
        ),
    )
    network_before: dict[int, int] = {}
    network_after: dict[int, int] = {}
    sdq_first: dict[int, int] = {}
    sdq_last: dict[int, int] = {}
    for person, kind, value, is_before, position, length in rows:
        who, value = int(person), int(value)
        first, last = position == 1, position == length
        if kind == MeasureKind.network_size:
            # The earliest of all is the earliest before the conference, if it came before;
            # the latest of all is the latest after it, if it came after.
            if first and is_before:
                network_before[who] = value
            if last and not is_before:
                network_after[who] = value
        elif length >= 2:
            (sdq_first if first else sdq_last)[who] = value
    return _network(network_before, network_after) + _sdq(sdq_first, sdq_last)


def _network(before: dict[int, int], after: dict[int, int]) -> list[Figure]:
    """Young people with a size both on or before the conference day and after it."""
    paired = sorted(set(before) & set(after))
    first = summarise(before[p] for p in paired)
    later = summarise(after[p] for p in paired)
    n = first.n
    return [
        Figure("outcomes", "network_size_young_people", n, Unit.young_people, base=n),
        Figure("outcomes", "network_size_at_referral", rounded(first.mean), Unit.people, "mean", n),
        Figure(
            "outcomes", "network_size_at_referral", rounded(first.median), Unit.people, "median", n
        ),
        Figure(
            "outcomes", "network_size_after_conference", rounded(later.mean), Unit.people, "mean", n
        ),
        Figure(
            "outcomes",
            "network_size_after_conference",
            rounded(later.median),
            Unit.people,
            "median",
            n,
        ),
    ]


def _sdq(first: dict[int, int], last: dict[int, int]) -> list[Figure]:
    """Young people with two or more SDQ totals: first, latest, and the change."""
    twice = sorted(set(first) & set(last))
    changes = [last[p] - first[p] for p in twice]
    change = summarise(changes)
    n = change.n
    improved = sum(1 for d in changes if d < 0)
    return [
        Figure("outcomes", "sdq_young_people", n, Unit.young_people, base=n),
        Figure(
            "outcomes",
            "sdq_first",
            rounded(summarise(first[p] for p in twice).mean),
            Unit.score,
            "mean",
            n,
        ),
        Figure(
            "outcomes",
            "sdq_latest",
            rounded(summarise(last[p] for p in twice).mean),
            Unit.score,
            "mean",
            n,
        ),
        Figure("outcomes", "sdq_change", rounded(change.mean), Unit.score, "mean", n),
        Figure("outcomes", "sdq_change", rounded(change.median), Unit.score, "median", n),
        Figure(
            "outcomes",
            "sdq_improved",
            improved,
            Unit.young_people,
            base=n,
            percent=percent(improved, n),
        ),
    ]
