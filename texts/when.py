"""Saying a moment the way a young person reads it, in their language (Babel, CLDR data).

English keeps Kith's own short forms ("Monday 2 March, 9:00 AM", "Tue 3 Mar", "5 PM").
Every other language uses its own CLDR patterns (its day and month names, its order, its
12- or 24-hour clock), so "a person will read this by …" reads naturally in each.
Check-in periods ("2 weeks") are said the same way, with CLDR's units.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, format_skeleton, format_time
from babel.units import format_unit

from texts.languages import DEFAULT_LANGUAGE
from texts.values import locale_of

_QUOTED = re.compile(r"'([^']*)'")
_PERIOD = re.compile(r"^(\d{1,3}) (days?|weeks?|months?)$")
_UNITS = {"day": "duration-day", "week": "duration-week", "month": "duration-month"}
# Where CLDR has no long unit names yet (Sorani gives "2 w"; Tigrinya's months read "3/…").
_OWN_UNITS = {
    "ckb": {"day": "ڕۆژ", "week": "هەفتە", "month": "مانگ"},
    "ti": {"day": "መዓልቲ", "week": "ሰሙን", "month": "ወርሒ"},
}
_OWN_PLURALS = {"ti": {"day": "መዓልታት", "week": "ሰሙናት", "month": "ኣዋርሕ"}}


def _english(language: str | None) -> bool:
    """English, or a language Babel does not know (said in English too)."""
    return language is None or str(locale_of(language)) == DEFAULT_LANGUAGE


def moment_text(moment: datetime, *, language: str, tz: str) -> str:
    zone = ZoneInfo(tz)
    if _english(language):
        return format_datetime(moment, "EEEE d MMMM, h:mm a", tzinfo=zone, locale="en")
    locale = locale_of(language)
    local = moment.astimezone(zone)
    day = format_skeleton("MMMMEEEEd", local, locale=locale)
    hour = format_time(local, "short", tzinfo=zone, locale=locale)
    combined = _QUOTED.sub(r"\1", str(locale.datetime_formats["medium"]))
    return combined.replace("{1}", day).replace("{0}", hour)


def day_text(day: date, *, language: str) -> str:
    if _english(language):
        return format_date(day, "EEE d MMM", locale="en")
    return format_skeleton("MMMEd", day, locale=locale_of(language))


def time_text(hour: int, *, language: str) -> str:
    if _english(language):
        return format_datetime(datetime(2000, 1, 1, hour), "h a", locale="en")
    return format_time(time(hour), "short", locale=locale_of(language))


def clock_text(moment: datetime, *, language: str, tz: str) -> str:
    """The time of day alone ("15:00" in English, as Kith always wrote it)."""
    zone = ZoneInfo(tz)
    if _english(language):
        return f"{moment.astimezone(zone):%H:%M}"
    return format_time(moment, "short", tzinfo=zone, locale=locale_of(language))


def period_text(label: str, *, language: str | None) -> str:
    """A check-in's period, stored as English ("2 weeks", "3 months"), in `language`."""
    found = _PERIOD.match(label)
    if found is None or language is None or _english(language):
        return label
    amount, unit = int(found.group(1)), found.group(2).rstrip("s")
    own = _OWN_UNITS.get(language)
    if own is not None:
        word = _OWN_PLURALS.get(language, own)[unit] if amount > 1 else own[unit]
        return f"{amount} {word}"
    return str(format_unit(amount, _UNITS[unit], length="long", locale=locale_of(language)))
