"""When a person in the team will next read a message: working hours, weekdays, not bank holidays.

The bot is not watched all the time (rule 4): written to outside these hours, it says when.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from models.core.working_days import is_working_day

# A window longer than a year of working days is a setting gone wrong, not a wait.
MOST_WORKING_DAYS = 366


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


def after_working_minutes(start: datetime, minutes: int, organisation: TeamHours) -> datetime:
    """The moment (UTC) `minutes` of working time have passed since `start`.

    Time outside working hours does not count: a concern raised at 16:55 with a 15-minute
    window is due at 09:10 on the next working day; one raised on Saturday, at 09:15 on Monday.
    """
    zone = ZoneInfo(organisation.timezone)
    at = start.astimezone(UTC)
    left = timedelta(minutes=minutes)
    for _ in range(MOST_WORKING_DAYS):
        opening = next_reading(at, organisation)
        if opening is not None:
            at = opening
        closing = datetime.combine(
            at.astimezone(zone).date(), organisation.working_end, tzinfo=zone
        ).astimezone(UTC)
        if at + left <= closing:
            return at + left
        left -= closing - at
        at = closing
    return at + left  # working hours that never open (a setting gone wrong): count every minute
