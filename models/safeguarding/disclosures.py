"""A concern raised from what a young person wrote, as read by recognition and answered by them.

Clear danger is raised at once. Possible danger is raised only on their answer to "Are you safe
right now?": "I need help now" or "Tell my worker". Both are urgent concerns (docs/safeguarding.md
says why); the detail says which tier and answer it came from, so the coordinator can judge.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from models.nudges.nudge import Nudge
from models.safeguarding.concerns import DangerMatch, raise_concern
from models.young_people.young_person import YoungPerson

# When the words were no longer held (over a day old, or deleted) the concern still goes.
NO_WORDS = "(their message was no longer held)"


class Answer(StrEnum):
    """Their answer to the gentle question about a possible danger."""

    help_now = "help_now"
    tell_worker = "tell_worker"


_NOTES = {
    None: "",
    Answer.help_now: "\n(possible danger: they tapped 'I need help now')",
    Answer.tell_worker: "\n(possible danger: they tapped 'Tell my worker')",
}


async def raise_disclosure(
    *,
    session: AsyncSession,
    now: datetime,
    young_person: YoungPerson,
    text: str | None,
    category: str,
    cue: str,
    answer: Answer | None = None,
) -> Nudge:
    """The urgent concern for this message; nothing typed later cancels it (rule 4)."""
    words = text if text and text.strip() else NO_WORDS
    return await raise_concern(
        session=session,
        now=now,
        young_person=young_person,
        message_text=words + _NOTES[answer],
        match=DangerMatch(category=category, phrase=cue),
    )
