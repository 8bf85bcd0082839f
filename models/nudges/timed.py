"""The nudges raised by time passing (raised once, never a flood).

Events raise their own nudges where they happen (a self-referral in `intake`, a concern in
`safety`, a block in `delivery`, a check-in's answers in `answers`); the jobs here look for
what only time reveals.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models.core.enums import NudgeKind, ReferralStatus
from models.core.working_days import working_days_between
from models.nudges.nudge import Nudge
from models.nudges.raising import raise_nudge
from models.referrals.referral import Referral
from models.young_people.young_person import YoungPerson

TRIAGE_WORKING_DAYS = 5
REVIEW_WINDOW = timedelta(days=7)


async def _raised_since(
    session: AsyncSession, young_person_id: int, kind: NudgeKind, since: datetime
) -> bool:
    """Whether this nudge was already raised (in any state) since `since`: once is enough."""
    found = await session.scalar(
        select(Nudge.id)
        .where(
            Nudge.young_person_id == young_person_id,
            Nudge.kind == kind,
            Nudge.created_at >= since,
        )
        .limit(1)
    )
    return found is not None


async def nudge_waiting_referrals(*, session: AsyncSession, now: datetime, tz: str) -> int:
    """Referrals still waiting for triage after more than 5 working days (bank holidays off)."""
    today = now.astimezone(ZoneInfo(tz)).date()
    rows = await session.execute(
        select(Referral, YoungPerson)
        .join(YoungPerson, YoungPerson.id == Referral.young_person_id)
        .where(
            Referral.status == ReferralStatus.received,
            Referral.received_at <= now - timedelta(days=5),
        )
    )
    raised = 0
    for referral, person in rows.all():
        received = referral.received_at.astimezone(ZoneInfo(tz)).date()
        if working_days_between(received, today) <= TRIAGE_WORKING_DAYS:
            continue
        if await _raised_since(session, person.id, NudgeKind.triage_waiting, referral.received_at):
            continue
        await raise_nudge(
            session=session,
            now=now,
            kind=NudgeKind.triage_waiting,
            young_person=person,
            detail=f"received {received:%d %b %Y}, "
            f"{working_days_between(received, today)} working days ago",
        )
        raised += 1
    return raised


async def nudge_reviews_due(*, session: AsyncSession, now: datetime, tz: str) -> int:
    """A review within the next 7 days, raised once per review date."""
    today = now.astimezone(ZoneInfo(tz)).date()
    people = await session.scalars(
        select(YoungPerson).where(
            YoungPerson.review_due_on >= today, YoungPerson.review_due_on <= today + REVIEW_WINDOW
        )
    )
    raised = 0
    for person in people:
        assert person.review_due_on is not None
        window_opened = datetime.combine(
            person.review_due_on - REVIEW_WINDOW - timedelta(days=1),
            datetime.min.time(),
            tzinfo=ZoneInfo(tz),
        )
        if await _raised_since(session, person.id, NudgeKind.review_due, window_opened):
            continue
        await raise_nudge(
            session=session,
            now=now,
            kind=NudgeKind.review_due,
            young_person=person,
            detail=f"review on {person.review_due_on:%d %b %Y}",
        )
        raised += 1
    return raised
