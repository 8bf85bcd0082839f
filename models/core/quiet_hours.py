"""Quiet hours: nothing unasked reaches a young person between 21:00 and 08:00 their time."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo


def is_quiet(local: time, start: time, end: time) -> bool:
    """True when `local` falls in the window [start, end), which may cross midnight."""
    if start == end:
        return False
    if start < end:
        return start <= local < end
    return local >= start or local < end


def next_allowed(moment: datetime, *, tz: str, start: time, end: time) -> datetime:
    """`moment` itself if outside quiet hours, else the end of this quiet window (UTC)."""
    zone = ZoneInfo(tz)
    local = moment.astimezone(zone)
    if not is_quiet(local.time(), start, end):
        return moment.astimezone(UTC)
    day = local.date() if local.time() < end else local.date() + timedelta(days=1)
    wake = datetime.combine(day, end, tzinfo=zone)
    return wake.astimezone(UTC)


def at_local_hour(day_moment: datetime, *, tz: str, hour: int) -> datetime:
    """The UTC moment of `hour`:00 local time on the local day of `day_moment`."""
    zone = ZoneInfo(tz)
    local_day = day_moment.astimezone(zone).date()
    return datetime.combine(local_day, time(hour, 0), tzinfo=zone).astimezone(UTC)
