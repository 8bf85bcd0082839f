"""What a message suggests: clear danger, possible danger, or nothing we need to act on.

The one entry point every adapter calls (the bot's guard, tests, bench/danger.py). A clear
reading gets the helplines at once and an urgent concern; a possible one gets one gentle
question ("Are you safe right now?").

Why rules over data, not a trained model: what is recognised must be something the
safeguarding lead can read, question and change, and a miss must be fixable the same day by
adding a word or a pattern, with a test showing it. So recognition is small regular patterns
over named word lists (lexicons), written per language in models/safeguarding/data/<lang>/
(README.md there is the full guide). Generality comes from the lexicons, not from listing
sentences: "{agent} ... {hurt_verb} {victim}" holds every carer, every spelling of every verb
and every way of saying "me" at once. The text is normalised the same way for every language
(normalising.py), misspellings of longer words are corrected by one letter towards the data's
own words, exceptions (idioms such as "hit me up") are masked before patterns are tried, and a
"not" just before a match turns it down one tier ("lol" or "in fortnite" turns clear into
possible). When no pattern matches, a small learned net (learning.py: word weights counted
from the corpus's tune lines at start-up) may still ask the gentle question; it never raises
the alarm. The same net weighs a weak cue: a possible match in a message whose words read as
the corpus's safe lines is not asked about (never a clear one, never a short message). Every
language's data is checked against every message, whatever language the young person chose.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from models.safeguarding.recognition.data_files import CATEGORIES, DataError
from models.safeguarding.recognition.matching import Hit, Recogniser

__all__ = ["CATEGORIES", "DataError", "Reading", "Tier", "recognise", "recogniser"]

# Work is capped: a long text is read in windows this long, overlapping so that no phrase is
# cut in two, and past MOST_WINDOWS only the start and the end are read.
WINDOW = 4096
OVERLAP = 256
MOST_WINDOWS = 8


class Tier(StrEnum):
    clear = "clear"
    possible = "possible"


@dataclass(frozen=True)
class Reading:
    tier: Tier
    category: str
    # What fired ("en/patterns.txt:12 {hurt_verb} {victim}"), for the lead and the benchmark;
    # never shown to the young person.
    cue: str


@lru_cache(maxsize=1)
def recogniser() -> Recogniser:
    """Every language's data, compiled once per process."""
    return Recogniser()


def _windows(text: str) -> list[str]:
    if len(text) <= WINDOW:
        return [text]
    step = WINDOW - OVERLAP
    starts = list(range(0, len(text) - OVERLAP, step))
    if len(starts) > MOST_WINDOWS:
        starts = [*starts[: MOST_WINDOWS - 1], len(text) - WINDOW]
    return [text[start : start + WINDOW] for start in starts]


def _best(hits: list[Hit]) -> Hit | None:
    return min(hits, key=lambda h: (h.tier != "clear", h.position), default=None)


def recognise(text: str) -> Reading | None:
    """How worrying `text` is; None when nothing in it suggests danger."""
    engine = recogniser()
    best = _best([hit for window in _windows(text) for hit in engine.hits(window)])
    if best is None:
        return None
    return Reading(Tier(best.tier), best.category, f"{best.where} {best.source}")
