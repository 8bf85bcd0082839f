"""Nudges raised by time: once each, counting only England's working days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Nudge
from models.core.clock import ManualClock
from models.core.enums import NudgeKind, ReferralSource
from models.core.working_days import add_working_days, is_working_day, working_days_between
from models.nudges.raising import resolve_nudge
from models.nudges.timed import nudge_reviews_due, nudge_waiting_referrals
from models.referrals.intake import create_referral
from tests.support.scheduler_world import build_world

TZ = "Europe/London"


def test_englands_bank_holidays_are_not_working_days() -> None:
    assert not is_working_day(date(2026, 12, 25))  # Christmas Day, a Friday
    assert not is_working_day(date(2026, 12, 28))  # Boxing Day substitute, a Monday
    assert not is_working_day(date(2026, 8, 31))  # Summer bank holiday (England, not Scotland)
    assert is_working_day(date(2026, 8, 3))  # Scotland's summer holiday: a working day here
    assert add_working_days(date(2026, 12, 23), 2) == date(2026, 12, 29)
    assert working_days_between(date(2026, 12, 24), date(2027, 1, 4)) == 4


async def test_a_referral_waiting_over_five_working_days_nudges_once(
    session: AsyncSession,
) -> None:
    # Received Wednesday 23 Dec 2026: Christmas, Boxing Day (28th) and New Year don't count.
    clock = ManualClock(datetime(2026, 12, 23, 10, 0, tzinfo=UTC))
    world = await build_world(session, clock.now())
    await create_referral(
        session=session,
        now=clock.now(),
        organisation=world.org,
        young_person=world.sam,
        source=ReferralSource.social_worker,
    )
    clock.set(datetime(2027, 1, 4, 10, 0, tzinfo=UTC))  # 5 working days later: not over 5 yet
    assert await nudge_waiting_referrals(session=session, now=clock.now(), tz=TZ) == 0
    clock.set(datetime(2027, 1, 6, 10, 0, tzinfo=UTC))  # 7 working days later
    assert await nudge_waiting_referrals(session=session, now=clock.now(), tz=TZ) == 1
    assert await nudge_waiting_referrals(session=session, now=clock.now(), tz=TZ) == 0
    nudge = await session.scalar(select(Nudge).where(Nudge.kind == NudgeKind.triage_waiting))
    assert nudge is not None
    resolve_nudge(nudge=nudge, by_user_id=world.coordinator.id, now=clock.now())
    clock.advance(timedelta(days=1))
    assert await nudge_waiting_referrals(session=session, now=clock.now(), tz=TZ) == 0, (
        "a resolved nudge is not raised again for the same referral"
    )


async def test_a_review_within_seven_days_nudges_once(
    session: AsyncSession, clock: ManualClock
) -> None:
    world = await build_world(session, clock.now())
    world.sam.review_due_on = clock.now().date() + timedelta(days=10)
    assert await nudge_reviews_due(session=session, now=clock.now(), tz=TZ) == 0
    clock.advance(timedelta(days=3))
    assert await nudge_reviews_due(session=session, now=clock.now(), tz=TZ) == 1
    clock.advance(timedelta(days=1))
    assert await nudge_reviews_due(session=session, now=clock.now(), tz=TZ) == 0
