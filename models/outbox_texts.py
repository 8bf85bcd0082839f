"""The words of every message the scheduler sends unasked: short, kind, never guilt-tripping.

Check-ins are skippable in one tap ("Skip" is as easy as "Let's go"), and nothing here
asks anything personal: the check-in conversation (the bot) does that, with its notice.
"""

from __future__ import annotations

from typing import Any


def checkin_text(name: str, label: str) -> str:
    return (
        f"Hi {name} 👋 It's been {label} since your family meeting. "
        "Fancy a quick check-in? It takes a minute, and it's fine to skip."
    )


def checkin_reminder_text(name: str) -> str:
    return f"Hi {name}, the check-in is still here if you want it. No worries if not."


def checkin_buttons(checkin_id: int) -> dict[str, Any]:
    # One tap either way: "skip" never costs more than "yes" (DESIGN rule 8).
    return {
        "inline_keyboard": [
            [
                {"text": "Let's go", "callback_data": f"checkin:start:{checkin_id}"},
                {"text": "Skip", "callback_data": f"checkin:skip:{checkin_id}"},
            ]
        ]
    }


def own_reminder_text(what: str) -> str:
    return f"⏰ You asked me to remind you: {what}"


def birthday_reminder_text(who: str) -> str:
    return f"🎂 Tomorrow is {who}'s birthday."


def meeting_reminder_text(when: str) -> str:
    return f"📅 Reminder: your meeting is tomorrow at {when}."
