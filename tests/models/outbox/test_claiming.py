"""Claiming due outbox rows: a lease each, never the same row twice, taken over after a crash."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models.core.clock import ManualClock
from models.core.enums import OutboxState
from models.outbox.claiming import claim_due_messages
from models.outbox.delivery import Delivered, RetryPolicy, record_outcome
from models.outbox.sending import enqueue_message
from tests.support.scheduler_world import build_world, outbox

LEASE = timedelta(seconds=60)


async def _queue(session: AsyncSession, clock: ManualClock, count: int) -> None:
    world = await build_world(session, clock.now())
    for n in range(count):
        await enqueue_message(
            session=session,
            organisation_id=world.org.id,
            chat_id=7000 + n,
            kind="test",
            body=f"message {n}",
            now=clock.now(),
        )
    await session.commit()


async def test_two_senders_claiming_at_once_never_share_a_row(
    sessionmaker: async_sessionmaker[AsyncSession], clock: ManualClock
) -> None:
    async with sessionmaker() as session:
        await _queue(session, clock, 120)

    async def claim(worker: str) -> list[int]:
        taken: list[int] = []
        while True:
            async with sessionmaker.begin() as session:
                batch = await claim_due_messages(
                    session=session, now=clock.now(), worker=worker, limit=7, lease=LEASE
                )
            if not batch:
                return taken
            taken.extend(m.id for m in batch)

    first, second = await asyncio.gather(claim("a"), claim("b"))
    assert len(first) + len(second) == 120
    assert not set(first) & set(second)


async def test_a_crashed_senders_claims_are_taken_over_after_the_lease(
    session: AsyncSession, clock: ManualClock
) -> None:
    await _queue(session, clock, 3)
    taken = await claim_due_messages(
        session=session, now=clock.now(), worker="crashed", limit=10, lease=LEASE
    )
    assert len(taken) == 3
    assert (
        await claim_due_messages(
            session=session,
            now=clock.now() + timedelta(seconds=30),
            worker="b",
            limit=10,
            lease=LEASE,
        )
        == []
    )
    later = await claim_due_messages(
        session=session, now=clock.now() + timedelta(seconds=61), worker="b", limit=10, lease=LEASE
    )
    assert [m.leased_by for m in later] == ["b", "b", "b"]
    assert [m.attempts for m in later] == [2, 2, 2]


async def test_a_sender_that_lost_its_lease_cannot_overwrite_the_new_holder(
    session: AsyncSession, clock: ManualClock
) -> None:
    await _queue(session, clock, 1)
    [slow] = await claim_due_messages(
        session=session, now=clock.now(), worker="slow", limit=1, lease=LEASE
    )
    await claim_due_messages(
        session=session,
        now=clock.now() + timedelta(minutes=2),
        worker="fresh",
        limit=1,
        lease=LEASE,
    )
    label = await record_outcome(
        session=session,
        now=clock.now(),
        message=slow,
        worker="slow",
        outcome=Delivered(telegram_message_id=1),
        policy=RetryPolicy(),
        jitter=1.0,
    )
    assert label == "sent_after_lease_lost"
    [row] = await outbox(session)
    assert row.state == OutboxState.pending and row.leased_by == "fresh"


async def test_messages_not_yet_due_are_left_alone(
    session: AsyncSession, clock: ManualClock
) -> None:
    world = await build_world(session, clock.now())
    await enqueue_message(
        session=session,
        organisation_id=world.org.id,
        chat_id=1,
        kind="test",
        body="later",
        now=clock.now(),
        due_at=clock.now() + timedelta(hours=1),
    )
    assert (
        await claim_due_messages(
            session=session, now=clock.now(), worker="a", limit=10, lease=LEASE
        )
        == []
    )
