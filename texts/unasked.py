"""The words of every message Kith sends unasked: short, kind, never guilt-tripping.

Check-ins and reminders go to a young person in their own language; each function takes
it and says the message through the one catalog (`texts.catalog.t`).
"""

from __future__ import annotations

from texts.catalog import N_, t
from texts.when import period_text

CHECKIN = N_(
    "Hi {name} 👋 It's been {label} since your family meeting. "
    "How are things? Tap a face, or Skip. Both are fine."
)
CHECKIN_REMINDER = N_("Hi {name}, the check-in is still here if you want it. No worries if not.")
OWN_REMINDER = N_("⏰ You asked me to remind you: {what}")
BIRTHDAY_REMINDER = N_("🎂 Tomorrow is {who}'s birthday.")
MEETING_REMINDER = N_("📅 Reminder: your meeting is tomorrow at {when}.")


def checkin_text(language: str | None, name: str, label: str) -> str:
    """`label` is the period as stored ("2 weeks"); it is said in `language` too."""
    period = period_text(label, language=language)
    return t(language, CHECKIN, name=name, label=period)


def checkin_reminder_text(language: str | None, name: str) -> str:
    return t(language, CHECKIN_REMINDER, name=name)


def own_reminder_text(language: str | None, what: str) -> str:
    return t(language, OWN_REMINDER, what=what)


def birthday_reminder_text(language: str | None, who: str) -> str:
    return t(language, BIRTHDAY_REMINDER, who=who)


def meeting_reminder_text(language: str | None, when: str) -> str:
    return t(language, MEETING_REMINDER, when=when)
