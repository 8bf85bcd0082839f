"""The words of every message the scheduler sends unasked: short, kind, never guilt-tripping.

A check-in opens with the bot's own first question (five faces and Skip, from
models/answers.py), so the tap that answers it is the one the bot's check-in conversation
handles; skipping costs the same single tap as answering (DESIGN rule 8).
"""

from __future__ import annotations

from typing import Any

from models.answers import wellbeing_markup


def checkin_text(name: str, label: str) -> str:
    return (
        f"Hi {name} 👋 It's been {label} since your family meeting. "
        "How are things? Tap a face, or Skip. Both are fine."
    )


def checkin_reminder_text(name: str) -> str:
    return f"Hi {name}, the check-in is still here if you want it. No worries if not."


def checkin_buttons(checkin_id: int) -> dict[str, Any]:
    return wellbeing_markup(checkin_id, "Skip")


def own_reminder_text(what: str) -> str:
    return f"⏰ You asked me to remind you: {what}"


def birthday_reminder_text(who: str) -> str:
    return f"🎂 Tomorrow is {who}'s birthday."


def meeting_reminder_text(when: str) -> str:
    return f"📅 Reminder: your meeting is tomorrow at {when}."
