"""When a reminder is next due: what the young person meant, on their local calendar.

A reminder keeps its wall-clock intent — 5pm, on Sundays, on the 31st — in the young
person's timezone, so 5pm stays 5pm when the clocks change and the 31st falls on the last
day of a short month. Each next moment is worked out on the local calendar, then made UTC.
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from models.core.enums import Repeat
from models.reminders.reminder import Reminder


def clipped_day(year: int, month: int, day: int) -> date:
    """`day` of that month, or its last day when the month is shorter (31 -> 30, 29 Feb -> 28)."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def local_moment(day: date, at: time, tz: str) -> datetime:
    """`at` on `day` in `tz`, in UTC (a time skipped in spring comes an hour on)."""
    return datetime.combine(day, at, tzinfo=ZoneInfo(tz)).astimezone(UTC)


def local_day(moment: datetime, tz: str) -> date:
    return moment.astimezone(ZoneInfo(tz)).date()


def following_day(reminder: Reminder, day: date) -> date | None:
    """The local date of the occurrence after the one on `day`; None when it repeats no more."""
    if reminder.repeat == Repeat.weekly:
        return day + timedelta(days=7)
    if reminder.repeat == Repeat.monthly:
        year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
        return clipped_day(year, month, reminder.day_of_month or day.day)
    return None


def next_after(reminder: Reminder, previous: datetime, now: datetime) -> datetime | None:
    """The first occurrence after `now`, stepping on from `previous` on the local calendar:
    occurrences missed while Kith was down are stepped over, never piled up."""
    day: date | None = local_day(previous, reminder.timezone)
    while day is not None:
        day = following_day(reminder, day)
        if day is not None:
            moment = local_moment(day, reminder.local_time, reminder.timezone)
            if moment > now:
                return moment
    return None
