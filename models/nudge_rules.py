"""The nudges raised by time passing and by a check-in's answers (raised once, never a flood).

Events raise their own nudges where they happen (a self-referral in `intake`, a concern in
`safety`, a block in `delivery`); the jobs here look for what only time reveals, and
`nudges_after_answer` is what the bot calls once a check-in is answered.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models.checkin import CheckIn, CheckInAnswer
from models.enums import CheckInState, CommitmentAnswerValue, NudgeKind, ReferralStatus
from models.nudge import Nudge
from models.nudging import raise_nudge
from models.referral import Referral
from models.working_days import working_days_between
from models.young_person import YoungPerson

TRIAGE_WORKING_DAYS = 5
REVIEW_WINDOW = timedelta(days=7)
LOW_WELLBEING = 2


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
            organisation_id=person.organisation_id,
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
            organisation_id=person.organisation_id,
            kind=NudgeKind.review_due,
            young_person=person,
            detail=f"review on {person.review_due_on:%d %b %Y}",
        )
        raised += 1
    return raised


async def _previous_wellbeing(session: AsyncSession, checkin: CheckIn, limit: int) -> list[int]:
    rows = await session.scalars(
        select(CheckIn.wellbeing)
        .where(
            CheckIn.young_person_id == checkin.young_person_id,
            CheckIn.state == CheckInState.answered,
            CheckIn.wellbeing.is_not(None),
            CheckIn.id != checkin.id,
            CheckIn.due_at < checkin.due_at,
        )
        .order_by(CheckIn.due_at.desc())
        .limit(limit)
    )
    return [int(w) for w in rows if w is not None]


async def nudges_after_answer(
    *, session: AsyncSession, now: datetime, checkin: CheckIn
) -> list[Nudge]:
    """Wellbeing 1–2, or falling over two check-ins in a row; a commitment "not yet" twice."""
    person = await session.get_one(YoungPerson, checkin.young_person_id)
    raised: list[Nudge] = []
    if checkin.wellbeing is not None:
        before = await _previous_wellbeing(session, checkin, 2)
        falling = len(before) == 2 and checkin.wellbeing < before[0] < before[1]
        if checkin.wellbeing <= LOW_WELLBEING or falling:
            trend = " → ".join(str(w) for w in [*reversed(before), checkin.wellbeing])
            raised.append(
                await raise_nudge(
                    session=session,
                    now=now,
                    organisation_id=person.organisation_id,
                    kind=NudgeKind.low_wellbeing,
                    young_person=person,
                    detail=f"{checkin.label} check-in wellbeing {trend} (of 5)",
                )
            )
    answers = await session.scalars(
        select(CheckInAnswer).where(
            CheckInAnswer.check_in_id == checkin.id,
            CheckInAnswer.answer == CommitmentAnswerValue.not_yet,
        )
    )
    for answer in list(answers):
        previous = await session.scalar(
            select(CheckInAnswer.answer)
            .join(CheckIn, CheckIn.id == CheckInAnswer.check_in_id)
            .where(
                CheckInAnswer.commitment_id == answer.commitment_id,
                CheckIn.id != checkin.id,
                CheckIn.due_at < checkin.due_at,
            )
            .order_by(CheckIn.due_at.desc())
            .limit(1)
        )
        if previous == CommitmentAnswerValue.not_yet:
            raised.append(
                await raise_nudge(
                    session=session,
                    now=now,
                    organisation_id=person.organisation_id,
                    kind=NudgeKind.commitment_not_yet,
                    young_person=person,
                    detail=f"commitment #{answer.commitment_id}: not yet, twice",
                )
            )
    return raised
