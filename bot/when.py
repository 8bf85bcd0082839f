"""Saying a moment the way a young person reads it ("Monday 9:00 AM"), in their language."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime

from texts.catalog import DEFAULT_LANGUAGE


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LANGUAGE)


def moment_text(moment: datetime, *, language: str, tz: str) -> str:
    return format_datetime(
        moment, "EEEE d MMMM, h:mm a", tzinfo=ZoneInfo(tz), locale=_locale(language)
    )


def day_text(day: date, *, language: str) -> str:
    return format_date(day, "EEE d MMM", locale=_locale(language))


def time_text(hour: int, *, language: str) -> str:
    return format_datetime(datetime(2000, 1, 1, hour), "h a", locale=_locale(language))
