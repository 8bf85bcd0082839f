"""A young person's story in date order: journey, meetings, check-ins, /tell messages, nudges."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models.checkins.checkin import CheckIn
from models.core.enums import CheckInState
from models.meetings.meeting import Meeting
from models.network.history import ConnectionStatusChange
from models.nudges.nudge import Nudge
from models.referrals.referral import Referral, ReferralTransition
from models.young_people.replies import CoordinatorReply
from models.young_people.rights import TellMessage
from texts.staff import nudge_title


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # transition, meeting, check_in, tell, nudge
    summary: str
    entity: str
    entity_id: int
    text: str | None = None  # what the young person wrote with /tell


# Each part selects only the columns it shows: whole rows would decrypt notes, reasons and
# answers nobody reads here (bench/api.py: the timeline is the API's busiest page).


async def _transitions(session: AsyncSession, young_person_id: int) -> list[TimelineEntry]:
    rows = await session.execute(
        select(
            ReferralTransition.at,
            ReferralTransition.from_status,
            ReferralTransition.to_status,
            ReferralTransition.referral_id,
        )
        .join(Referral, Referral.id == ReferralTransition.referral_id)
        .where(Referral.young_person_id == young_person_id)
    )
    return [
        TimelineEntry(
            at=at,
            kind="transition",
            summary=f"referral {before.value if before else 'new'} → {after.value}",
            entity="referral",
            entity_id=referral_id,
        )
        for at, before, after, referral_id in rows
    ]


async def _meetings(session: AsyncSession, young_person_id: int) -> list[TimelineEntry]:
    rows = await session.execute(
        select(
            Meeting.id, Meeting.kind, Meeting.scheduled_at, Meeting.held_at, Meeting.cancelled_at
        ).where(Meeting.young_person_id == young_person_id)
    )
    entries = []
    for meeting_id, kind, scheduled_at, held_at, cancelled_at in rows:
        if cancelled_at is not None:
            at, what = cancelled_at, "cancelled"
        elif held_at is not None:
            at, what = held_at, "held"
        else:
            at, what = scheduled_at, "scheduled"
        entries.append(
            TimelineEntry(at, "meeting", f"{kind.value} meeting {what}", "meeting", meeting_id)
        )
    return entries


async def _checkins(session: AsyncSession, young_person_id: int) -> list[TimelineEntry]:
    rows = await session.execute(
        select(
            CheckIn.id,
            CheckIn.label,
            CheckIn.state,
            CheckIn.wellbeing,
            CheckIn.answered_at,
            CheckIn.sent_at,
            CheckIn.due_at,
        ).where(CheckIn.young_person_id == young_person_id)
    )
    entries = []
    for checkin_id, label, state, wellbeing, answered_at, sent_at, due_at in rows:
        at = answered_at or sent_at or due_at
        summary = f"{label} check-in {state.value}"
        if state == CheckInState.answered and wellbeing is not None:
            summary += f" (wellbeing {wellbeing}/5)"
        entries.append(TimelineEntry(at, "check_in", summary, "check_in", checkin_id))
    return entries


async def _tells(session: AsyncSession, young_person_id: int) -> list[TimelineEntry]:
    rows = await session.execute(
        select(TellMessage.id, TellMessage.at, TellMessage.kind, TellMessage.text).where(
            TellMessage.young_person_id == young_person_id
        )
    )
    return [
        TimelineEntry(at, "tell", f"told: {kind.value}", "tell_message", tell_id, text=text)
        for tell_id, at, kind, text in rows
    ]


async def _nudges(session: AsyncSession, young_person_id: int) -> list[TimelineEntry]:
    rows = await session.execute(
        select(Nudge.id, Nudge.created_at, Nudge.kind, Nudge.state).where(
            Nudge.young_person_id == young_person_id
        )
    )
    return [
        TimelineEntry(created_at, "nudge", f"{nudge_title(kind)} ({state.value})", "nudge", nid)
        for nid, created_at, kind, state in rows
    ]


async def _replies(session: AsyncSession, young_person_id: int) -> list[TimelineEntry]:
    rows = await session.execute(
        select(CoordinatorReply.id, CoordinatorReply.at, CoordinatorReply.by_name).where(
            CoordinatorReply.young_person_id == young_person_id
        )
    )
    return [
        TimelineEntry(at, "reply", f"message sent by {by_name}", "coordinator_reply", reply_id)
        for reply_id, at, by_name in rows
    ]


async def _network_moves(session: AsyncSession, young_person_id: int) -> list[TimelineEntry]:
    rows = await session.execute(
        select(
            ConnectionStatusChange.id,
            ConnectionStatusChange.at,
            ConnectionStatusChange.from_status,
            ConnectionStatusChange.to_status,
        ).where(ConnectionStatusChange.young_person_id == young_person_id)
    )
    return [
        TimelineEntry(
            at,
            "network",
            f"a person in the network {before.value if before else 'new'} → {after.value}",
            "connection_status_change",
            change_id,
        )
        for change_id, at, before, after in rows
    ]


async def timeline(*, session: AsyncSession, young_person_id: int) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    parts = (_transitions, _meetings, _checkins, _tells, _nudges, _replies, _network_moves)
    for part in parts:
        entries.extend(await part(session, young_person_id))
    entries.sort(key=lambda e: (e.at, e.kind, e.entity_id))
    return entries
