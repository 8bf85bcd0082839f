"""When a person in the team will next read a message: working hours, weekdays, not bank holidays.

The bot is not watched all the time (rule 4): written to outside these hours, it says when.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from models.core.working_days import is_working_day


class TeamHours(Protocol):
    """A council's working day, as its Organisation row holds it."""

    @property
    def timezone(self) -> str: ...
    @property
    def working_start(self) -> time: ...
    @property
    def working_end(self) -> time: ...


def next_reading(now: datetime, organisation: TeamHours) -> datetime | None:
    """None inside working hours; otherwise the moment (UTC) the team next starts work."""
    zone = ZoneInfo(organisation.timezone)
    local = now.astimezone(zone)
    start, end = organisation.working_start, organisation.working_end
    if is_working_day(local.date()) and start <= local.time() < end:
        return None
    day = local.date() if local.time() < start else local.date() + timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return datetime.combine(day, start, tzinfo=zone).astimezone(UTC)


def read_by(now: datetime, organisation: TeamHours) -> datetime:
    """When a person will have read a message sent now: today's close, or the next opening."""
    opening = next_reading(now, organisation)
    if opening is not None:
        return opening
    zone = ZoneInfo(organisation.timezone)
    return datetime.combine(now.astimezone(zone).date(), organisation.working_end, tzinfo=zone)
