"""An urgent concern nobody acknowledged within 15 working minutes goes again to every manager,
once; not before, not out of hours, not once acknowledged; once with several schedulers."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models import Nudge, OutboundEmail
from models.core.enums import Role
from models.core.working_hours import after_working_minutes
from models.nudges.channels import NudgeChannel, choose_channel
from models.nudges.raising import acknowledge_nudge
from models.safeguarding.disclosures import raise_disclosure
from models.safeguarding.escalation import escalate_unacknowledged_concerns
from tests.support import factories
from tests.support.scheduler_world import World, build_world, outbox

TUESDAY_10 = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)  # GMT: London time is UTC


async def _concern(session: AsyncSession, world: World, now: datetime) -> Nudge:
    nudge = await raise_disclosure(
        session=session,
        now=now,
        young_person=world.sam,
        text="my step dad hurts me",
        category="abuse",
        cue="test",
    )
    await session.commit()
    return nudge


async def _escalated_to(session: AsyncSession) -> list[int]:
    return [m.chat_id for m in await outbox(session, kind="nudge") if "NOT ACKNOWLEDGED" in m.body]


async def test_after_fifteen_working_minutes_the_coordinator_and_every_manager_hear_again(
    session: AsyncSession,
) -> None:
    world = await build_world(session, TUESDAY_10)
    other_manager = await factories.user(
        session, TUESDAY_10, world.org, Role.manager, email="m2@example.org"
    )
    other_manager.telegram_chat_id = 9003
    await choose_channel(
        session=session, now=TUESDAY_10, user=other_manager, channel=NudgeChannel.both
    )
    nudge = await _concern(session, world, TUESDAY_10)
    before = TUESDAY_10 + timedelta(minutes=14)
    assert await escalate_unacknowledged_concerns(session=session, now=before) == 0
    after = TUESDAY_10 + timedelta(minutes=15)
    assert await escalate_unacknowledged_concerns(session=session, now=after) == 1
    await session.commit()
    assert sorted(await _escalated_to(session)) == [9001, 9002, 9003]
    body = (await outbox(session, chat_id=9003))[-1].body
    assert "my step dad" not in body and "Sam" in body  # a lock screen shows no words
    emails = list(await session.scalars(select(OutboundEmail)))
    assert [e.user_id for e in emails if "NOT ACKNOWLEDGED" in e.subject] == [other_manager.id]
    later = after + timedelta(hours=1)
    assert await escalate_unacknowledged_concerns(session=session, now=later) == 0, "once"
    assert (await session.get_one(Nudge, nudge.id)).escalated_at == after


async def test_an_acknowledged_concern_is_not_escalated(session: AsyncSession) -> None:
    world = await build_world(session, TUESDAY_10)
    nudge = await _concern(session, world, TUESDAY_10)
    acknowledge_nudge(nudge=nudge, by_user_id=world.coordinator.id, now=TUESDAY_10)
    await session.commit()
    late = TUESDAY_10 + timedelta(hours=2)
    assert await escalate_unacknowledged_concerns(session=session, now=late) == 0
    assert await _escalated_to(session) == []


async def test_only_working_minutes_count_and_nothing_goes_out_of_hours(
    session: AsyncSession,
) -> None:
    raised = datetime(2026, 3, 6, 16, 55, tzinfo=UTC)  # Friday, five minutes before five
    world = await build_world(session, raised)
    await _concern(session, world, raised)
    monday_9_10 = datetime(2026, 3, 9, 9, 10, tzinfo=UTC)
    assert after_working_minutes(raised, 15, world.org) == monday_9_10
    for quiet in (
        datetime(2026, 3, 6, 17, 30, tzinfo=UTC),
        datetime(2026, 3, 7, 12, 0, tzinfo=UTC),
    ):
        assert await escalate_unacknowledged_concerns(session=session, now=quiet) == 0
    almost = monday_9_10 - timedelta(minutes=1)
    assert await escalate_unacknowledged_concerns(session=session, now=almost) == 0
    assert await escalate_unacknowledged_concerns(session=session, now=monday_9_10) == 1


async def test_each_council_sets_its_own_window(session: AsyncSession) -> None:
    world = await build_world(session, TUESDAY_10)
    world.org.concern_escalation_minutes = 5
    await _concern(session, world, TUESDAY_10)
    soon = TUESDAY_10 + timedelta(minutes=5)
    assert await escalate_unacknowledged_concerns(session=session, now=soon) == 1


async def test_several_schedulers_escalate_a_concern_once(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    async with sessionmaker() as session:
        world = await build_world(session, TUESDAY_10)
        await _concern(session, world, TUESDAY_10)
    due = TUESDAY_10 + timedelta(minutes=20)

    async def one_scheduler() -> int:
        async with sessionmaker() as session, session.begin():
            return await escalate_unacknowledged_concerns(session=session, now=due)

    counts = await asyncio.gather(*(one_scheduler() for _ in range(4)), return_exceptions=True)
    done = [c for c in counts if isinstance(c, int)]
    assert sum(done) == 1, counts
    async with sessionmaker() as session:
        assert sorted(await _escalated_to(session)) == [9001, 9002]
