"""One figure of a report, the report itself, and the summary statistics behind medians.

A report is a flat list of figures (one tidy row each): the JSON groups them by section,
the CSV writes them as they are, the charts pick the ones they draw. Every figure carries
its `base` (how many cases stand behind it) so suppression can tell a small number apart.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from models.reports.period import ReportPeriod


class Unit(StrEnum):
    referrals = "referrals"
    young_people = "young people"
    meetings = "meetings"
    check_ins = "check-ins"
    days = "days"
    percent = "%"
    people = "people"
    connections = "connections"
    score = "score"
    per_young_person = "per young person"


# Figures whose value is itself a count of children or events (suppressed when 1 to 4);
# the rest are statistics (means, medians, rates), hidden when their base is 1 to 4.
COUNT_UNITS = frozenset({Unit.referrals, Unit.young_people, Unit.meetings, Unit.check_ins})


@dataclass(frozen=True)
class Figure:
    section: str
    figure: str
    value: float | None
    unit: Unit
    category: str = ""
    base: int | None = None
    percent: float | None = None

    @property
    def is_count(self) -> bool:
        return self.unit in COUNT_UNITS


@dataclass(frozen=True)
class ProgrammeReport:
    organisation: str
    organisation_slug: str
    period: ReportPeriod
    generated_at: datetime
    figures: list[Figure] = field(default_factory=list)

    def get(self, figure: str, category: str = "") -> Figure:
        """The one figure named; KeyError names it when the report has no such figure."""
        for item in self.figures:
            if item.figure == figure and item.category == category:
                return item
        raise KeyError(f"no figure '{figure}' ({category or 'total'}) in this report")

    def value(self, figure: str, category: str = "") -> float | None:
        return self.get(figure, category).value

    def breakdown(self, figure: str) -> list[Figure]:
        return [item for item in self.figures if item.figure == figure and item.category]


def percent(part: int, whole: int) -> float | None:
    """`part` as a share of `whole`, to one decimal place; None when there is no whole."""
    if whole == 0:
        return None
    return round(100.0 * part / whole, 1)


def quantile(sorted_values: Sequence[float], q: float) -> float | None:
    """Linear interpolation between closest ranks: what PostgreSQL's percentile_cont gives."""
    if not sorted_values:
        return None
    position = (len(sorted_values) - 1) * q
    low, high = math.floor(position), math.ceil(position)
    fraction = position - low
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * fraction


@dataclass(frozen=True)
class Summary:
    n: int
    mean: float | None
    median: float | None
    p90: float | None


def summarise(values: Iterable[float]) -> Summary:
    ordered = sorted(values)
    if not ordered:
        return Summary(0, None, None, None)
    return Summary(
        n=len(ordered),
        mean=sum(ordered) / len(ordered),
        median=quantile(ordered, 0.5),
        p90=quantile(ordered, 0.9),
    )


def rounded(value: float | None, places: int = 1) -> float | None:
    return None if value is None else round(value, places)
