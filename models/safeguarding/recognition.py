"""What a message suggests: clear danger, possible danger, or nothing we need to act on.

The one entry point every adapter calls (the bot's guard, tests, bench/danger.py). A clear
reading gets the helplines at once and an urgent concern; a possible one gets one gentle
question ("Are you safe right now?"). What is recognised is data the safeguarding lead reads
and changes (models/safeguarding/data/), never code.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from models.safeguarding.concerns import detect_danger


class Tier(StrEnum):
    clear = "clear"
    possible = "possible"


@dataclass(frozen=True)
class Reading:
    tier: Tier
    category: str
    # What fired (a phrase or rule name), for the lead and the benchmark; never shown.
    cue: str


def recognise(text: str) -> Reading | None:
    """How worrying `text` is; None when nothing in it suggests danger."""
    match = detect_danger(text)
    if match is None:
        return None
    return Reading(tier=Tier.clear, category=match.category, cue=match.phrase)
