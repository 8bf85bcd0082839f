"""The reporting period: whole local days, from the first to the last inclusive."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# Reports look back over the programme's life; these bounds keep date arithmetic sane.
EARLIEST, LATEST = date(2000, 1, 1), date(2199, 12, 31)


class ReportPeriodError(ValueError):
    """A period a person asked for that cannot be reported on, saying why."""


@dataclass(frozen=True)
class ReportPeriod:
    """`first` to `last` inclusive, as the council's calendar days (Europe/London by default).

    A DfE return is asked for by date ("1 April 2026 to 31 March 2027"), so both ends are
    whole days in the council's timezone; the moments are kept in UTC for the database.
    """

    first: date
    last: date
    timezone: str = "Europe/London"

    def __post_init__(self) -> None:
        for day in (self.first, self.last):
            if not EARLIEST <= day <= LATEST:
                raise ReportPeriodError(
                    f"{day.isoformat()} is outside the years a report can cover "
                    f"({EARLIEST.year} to {LATEST.year})"
                )
        if self.last < self.first:
            raise ReportPeriodError(
                f"the period ends ({self.last.isoformat()}) before it starts "
                f"({self.first.isoformat()})"
            )

    @property
    def starts_at(self) -> datetime:
        """The first moment of the period, in UTC."""
        return _local_midnight(self.first, self.timezone)

    @property
    def ends_at(self) -> datetime:
        """The first moment after the period (exclusive), in UTC."""
        return _local_midnight(self.last + timedelta(days=1), self.timezone)

    @property
    def ends_on(self) -> date:
        """The first day after the period, for date columns."""
        return self.last + timedelta(days=1)

    @property
    def label(self) -> str:
        return f"{self.first.isoformat()} to {self.last.isoformat()}"


def _local_midnight(day: date, tz: str) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=ZoneInfo(tz)).astimezone(UTC)


def parse_period(first: str, last: str, *, timezone: str = "Europe/London") -> ReportPeriod:
    """Build a period from two ISO dates typed by a person (CLI or query string)."""
    try:
        start, end = date.fromisoformat(first), date.fromisoformat(last)
    except ValueError as exc:
        raise ReportPeriodError(
            f"dates must look like 2026-04-01 (got '{first}' and '{last}')"
        ) from exc
    return ReportPeriod(first=start, last=end, timezone=timezone)


def local_today(now: datetime, tz: str) -> date:
    """The council's calendar day at `now`."""
    return now.astimezone(ZoneInfo(tz)).date()


def reporting_year_start(today: date) -> date:
    """1 April on or before `today`: where a DfE reporting year (April to March) begins."""
    year = today.year if (today.month, today.day) >= (4, 1) else today.year - 1
    return date(year, 4, 1)
