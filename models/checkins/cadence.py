"""Check-in cadence: "14d,42d,3m,6m,9m,12m" → offsets after the conference."""

from __future__ import annotations

import calendar
import itertools
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

_PART = re.compile(r"^(\d{1,3})([dwm])$")


@dataclass(frozen=True)
class Offset:
    amount: int
    unit: str  # "d" days, "w" weeks, "m" calendar months

    @property
    def label(self) -> str:
        names = {"d": "days", "w": "weeks", "m": "months"}
        if self.unit == "d" and self.amount % 7 == 0:
            return f"{self.amount // 7} weeks"
        return f"{self.amount} {names[self.unit]}"

    def after(self, moment: datetime) -> datetime:
        if self.unit == "d":
            return moment + timedelta(days=self.amount)
        if self.unit == "w":
            return moment + timedelta(weeks=self.amount)
        return add_months(moment, self.amount)


class CadenceError(ValueError):
    pass


def add_months(moment: datetime, months: int) -> datetime:
    """The same day `months` later, or the month's last day when it is shorter."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def parse_cadence(text: str) -> list[Offset]:
    """Parse and validate; offsets must be positive and strictly increasing."""
    offsets: list[Offset] = []
    for raw in text.split(","):
        part = raw.strip().lower()
        match = _PART.match(part)
        if not match or int(match.group(1)) == 0:
            raise CadenceError(f"'{raw.strip()}' is not a check-in offset: use e.g. 14d, 6w or 3m")
        offsets.append(Offset(int(match.group(1)), match.group(2)))
    if not offsets:
        raise CadenceError("the check-in cadence needs at least one offset")
    base = datetime(2000, 1, 31)
    moments = [o.after(base) for o in offsets]
    if any(b <= a for a, b in itertools.pairwise(moments)):
        raise CadenceError("check-in offsets must grow: e.g. 14d,42d,3m,6m,9m,12m")
    return offsets
