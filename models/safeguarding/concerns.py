"""A concern, once raised, is closed only by a person; what counts as danger is recognition's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from models.core.enums import NudgeKind, Urgency
from models.nudges.nudge import Nudge
from models.nudges.raising import raise_nudge
from models.safeguarding.recognition import Tier, recognise
from models.young_people.young_person import YoungPerson


@dataclass(frozen=True)
class DangerMatch:
    category: str
    phrase: str


def detect_danger(text: str) -> DangerMatch | None:
    """A clear reading of `text` as a DangerMatch; `recognise` is the rule, this its old shape."""
    reading = recognise(text)
    if reading is None or reading.tier != Tier.clear:
        return None
    return DangerMatch(category=reading.category, phrase=reading.cue)


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
