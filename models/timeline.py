"""A young person's story in date order: journey, meetings, check-ins, /tell messages, nudges."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models.checkin import CheckIn
from models.enums import CheckInState
from models.meeting import Meeting
from models.nudge import Nudge
from models.nudging import NUDGE_TITLES
from models.referral import Referral, ReferralTransition
from models.rights import TellMessage


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # transition, meeting, check_in, tell, nudge
    summary: str
    entity: str
    entity_id: int
    text: str | None = None  # what the young person wrote with /tell


async def _transitions(session: AsyncSession, young_person_id: int) -> list[TimelineEntry]:
    rows = await session.scalars(
        select(ReferralTransition)
        .join(Referral, Referral.id == ReferralTransition.referral_id)
        .where(Referral.young_person_id == young_person_id)
    )
    return [
        TimelineEntry(
            at=t.at,
            kind="transition",
            summary=(
                f"referral {t.from_status.value if t.from_status else 'new'} → {t.to_status.value}"
            ),
            entity="referral",
            entity_id=t.referral_id,
        )
        for t in rows
    ]


async def _meetings(session: AsyncSession, young_person_id: int) -> list[TimelineEntry]:
    rows = await session.scalars(select(Meeting).where(Meeting.young_person_id == young_person_id))
    entries = []
    for m in rows:
        if m.cancelled_at is not None:
            at, what = m.cancelled_at, "cancelled"
        elif m.held_at is not None:
            at, what = m.held_at, "held"
        else:
            at, what = m.scheduled_at, "scheduled"
        entries.append(
            TimelineEntry(at, "meeting", f"{m.kind.value} meeting {what}", "meeting", m.id)
        )
    return entries


async def _checkins(session: AsyncSession, young_person_id: int) -> list[TimelineEntry]:
    rows = await session.scalars(select(CheckIn).where(CheckIn.young_person_id == young_person_id))
    entries = []
    for c in rows:
        at = c.answered_at or c.sent_at or c.due_at
        summary = f"{c.label} check-in {c.state.value}"
        if c.state == CheckInState.answered and c.wellbeing is not None:
            summary += f" (wellbeing {c.wellbeing}/5)"
        entries.append(TimelineEntry(at, "check_in", summary, "check_in", c.id))
    return entries


async def _tells(session: AsyncSession, young_person_id: int) -> list[TimelineEntry]:
    rows = await session.scalars(
        select(TellMessage).where(TellMessage.young_person_id == young_person_id)
    )
    return [
        TimelineEntry(t.at, "tell", f"told: {t.kind.value}", "tell_message", t.id, text=t.text)
        for t in rows
    ]


async def _nudges(session: AsyncSession, young_person_id: int) -> list[TimelineEntry]:
    rows = await session.scalars(select(Nudge).where(Nudge.young_person_id == young_person_id))
    return [
        TimelineEntry(
            n.created_at, "nudge", f"{NUDGE_TITLES[n.kind]} ({n.state.value})", "nudge", n.id
        )
        for n in rows
    ]


async def timeline(*, session: AsyncSession, young_person_id: int) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    for part in (_transitions, _meetings, _checkins, _tells, _nudges):
        entries.extend(await part(session, young_person_id))
    entries.sort(key=lambda e: (e.at, e.kind, e.entity_id))
    return entries
