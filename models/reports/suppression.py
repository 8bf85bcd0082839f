"""Small-number suppression, as in official statistics, for everything that leaves the team.

Any count from 1 to 4 is shown as "<5" and its percentage hidden; any statistic (mean,
median, centile, rate) resting on 1 to 4 cases is hidden. Zero is shown: it picks out nobody.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.reports.figures import Figure

SUPPRESSED = "<5"
HIDDEN = "suppressed"
THRESHOLD = 5


def is_small(count: float | None) -> bool:
    return count is not None and 0 < count < THRESHOLD


@dataclass(frozen=True)
class Shown:
    """A figure as published: text in place of every number that might identify a child."""

    value: str
    percent: str
    base: str


def _number(value: float | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:g}"


def show(figure: Figure) -> Shown:
    """The published form of `figure`."""
    base = SUPPRESSED if is_small(figure.base) else _number(figure.base)
    if figure.is_count:
        if is_small(figure.value):
            return Shown(SUPPRESSED, "", base)
        percent = "" if is_small(figure.base) else _number(figure.percent)
        return Shown(_number(figure.value), percent, base)
    if is_small(figure.base):
        return Shown(HIDDEN, "", base)
    return Shown(_number(figure.value), _number(figure.percent), base)


def publishable(value: float | None, base: int | None) -> bool:
    """True when a number may be drawn on a published chart."""
    return not is_small(base) and value is not None
