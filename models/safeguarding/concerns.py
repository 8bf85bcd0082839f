"""Danger words: the phrase list is data; a concern, once raised, is closed only by a person."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources

from sqlalchemy.ext.asyncio import AsyncSession

from models.core.enums import NudgeKind, Urgency
from models.nudges.nudge import Nudge
from models.nudges.raising import raise_nudge
from models.young_people.young_person import YoungPerson

CATEGORIES = frozenset(
    {
        "self_harm",
        "suicide",
        "abuse",
        "sexual_abuse",
        "exploitation",
        "hurt",
        "unsafe",
        "running_away",
    }
)


@dataclass(frozen=True)
class DangerMatch:
    category: str
    phrase: str


def normalise(text: str) -> str:
    """Lower-case, fold look-alike characters, drop apostrophes, collapse the rest to spaces."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = folded.replace("’", "").replace("'", "").replace("‘", "")
    return " ".join(re.sub(r"[^\w]+", " ", folded).split())


def parse_phrases(text: str) -> list[tuple[str, str]]:
    entries: list[tuple[str, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        category, sep, phrase = line.partition(":")
        category = category.strip()
        if not sep or category not in CATEGORIES or not normalise(phrase):
            raise ValueError(f"danger phrase list line {number} is not 'category: phrase': {raw!r}")
        entries.append((category, normalise(phrase)))
    return entries


@lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern[str], dict[str, str]]:
    text = (
        resources.files("models.safeguarding.data")
        .joinpath("danger_phrases.txt")
        .read_text("utf-8")
    )
    entries = parse_phrases(text)
    by_phrase = {phrase: category for category, phrase in entries}
    alternatives = sorted(by_phrase, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(p) for p in alternatives) + r")\b")
    return pattern, by_phrase


def detect_danger(text: str) -> DangerMatch | None:
    """The first danger phrase in `text`, if any."""
    pattern, by_phrase = _compiled()
    match = pattern.search(normalise(text))
    if match is None:
        return None
    return DangerMatch(category=by_phrase[match.group(1)], phrase=match.group(1))


async def raise_concern(
    *,
    session: AsyncSession,
    now: datetime,
    young_person: YoungPerson,
    message_text: str,
    match: DangerMatch,
) -> Nudge:
    """An urgent nudge to the coordinator and their manager; nothing typed later cancels it."""
    return await raise_nudge(
        session=session,
        now=now,
        kind=NudgeKind.concern,
        young_person=young_person,
        urgency=Urgency.urgent,
        detail=f"[{match.category}] {message_text[:2000]}",
    )
