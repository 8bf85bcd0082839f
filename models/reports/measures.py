"""Network size before and after the conference, and SDQ change, for the supported young
people: one windowed query over their measures picks each one's first and latest values.
"""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.core.enums import MeasureKind
from models.reports.figures import Figure, Unit, percent, rounded, summarise
from models.reports.period import ReportPeriod
from models.reports.sql import fetch, supported
from models.young_people.measures import Measure


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
    network = r.kind == MeasureKind.network_size
    # Per person and kind: the earliest value (for networks, only if before the conference)
    # and the latest (for networks, only if after it).
    pairs = (
        select(
            r.kind.label("kind"),
            func.max(case(((r.position == 1) & (~network | r.before), r.value))).label("first"),
            func.max(case(((r.position == r.length) & (~network | ~r.before), r.value))).label(
                "last"
            ),
            func.max(r.length).label("length"),
        )
        .where((r.position == 1) | (r.position == r.length))
        .group_by(r.person, r.kind)
        .subquery("pairs")
    )
    p = pairs.c
    # Only how many people had each (first, latest) pair comes back: a few hundred rows.
    histogram = await fetch(
        session,
        select(p.kind, p.first, p.last, func.count())
        .where(p.first.is_not(None), p.last.is_not(None), (p.length >= 2))
        .group_by(p.kind, p.first, p.last),
    )
    network_pairs: list[tuple[int, int]] = []
    sdq_pairs: list[tuple[int, int]] = []
    for kind, first, last, people_count in histogram:
        chosen = network_pairs if kind == MeasureKind.network_size else sdq_pairs
        chosen += [(int(first), int(last))] * int(people_count)
    return _network(network_pairs) + _sdq(sdq_pairs)


def _network(pairs: list[tuple[int, int]]) -> list[Figure]:
    """Young people with a size both on or before the conference day and after it."""
    first = summarise(before for before, _ in pairs)
    later = summarise(after for _, after in pairs)
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


def _sdq(pairs: list[tuple[int, int]]) -> list[Figure]:
    """Young people with two or more SDQ totals: first, latest, and the change."""
    changes = [last - first for first, last in pairs]
    change = summarise(changes)
    n = change.n
    improved = sum(1 for d in changes if d < 0)
    return [
        Figure("outcomes", "sdq_young_people", n, Unit.young_people, base=n),
        Figure(
            "outcomes",
            "sdq_first",
            rounded(summarise(first for first, _ in pairs).mean),
            Unit.score,
            "mean",
            n,
        ),
        Figure(
            "outcomes",
            "sdq_latest",
            rounded(summarise(last for _, last in pairs).mean),
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
