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
BIRTHDAY_TODAY = N_("🎂 Today is {who}'s birthday.")
BIRTHDAY_TOMORROW = N_("🎂 Tomorrow is {who}'s birthday.")
BIRTHDAY_SOON = N_("🎂 {who}'s birthday is in {days} days.")
# Keyed by the meeting kind's value (models.core.enums.MeetingKind); texts knows nothing of Kith.
MEETING_REMINDERS: dict[str, str] = {
    "planning": N_(
        "📅 Just so you know: your planning meeting is tomorrow at {when}. "
        "It's a chat about what you want. You can bring questions."
    ),
    "conference": N_(
        "📅 Just so you know: your family meeting is tomorrow at {when}. "
        "The people who care about you will be there."
    ),
}


def checkin_text(language: str | None, name: str, label: str) -> str:
    """`label` is the period as stored ("2 weeks"); it is said in `language` too."""
    period = period_text(label, language=language)
    return t(language, CHECKIN, name=name, label=period)


def checkin_reminder_text(language: str | None, name: str) -> str:
    return t(language, CHECKIN_REMINDER, name=name)


def own_reminder_text(language: str | None, what: str) -> str:
    return t(language, OWN_REMINDER, what=what)


def birthday_reminder_text(language: str | None, who: str, days: int) -> str:
    """`days` until the birthday: 0 on the day itself."""
    if days == 0:
        return t(language, BIRTHDAY_TODAY, who=who)
    if days == 1:
        return t(language, BIRTHDAY_TOMORROW, who=who)
    return t(language, BIRTHDAY_SOON, who=who, days=days)


def meeting_reminder_text(language: str | None, kind: str, when: str) -> str:
    """The eve of a planning meeting or conference (`kind`), at `when` their time."""
    return t(language, MEETING_REMINDERS[kind], when=when)
