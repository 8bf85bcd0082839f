"""Claiming due outbox rows: a short lease each, never the same row twice, only a chat's first
message, taken over within seconds after a crash, and a LIMIT that holds on PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.sql.expression import Executable

from models.core.clock import ManualClock
from models.core.db import make_sessionmaker
from models.core.enums import OutboxState
from models.outbox.claiming import claim_due_messages, claim_statement, renew_leases
from models.outbox.delivery import Delivered, RetryPolicy, record_outcome
from models.outbox.pace import hold_back
from models.outbox.sending import enqueue_message
from tests import databases
from tests.support.scheduler_world import build_world, outbox, start_sending

LEASE = timedelta(seconds=6)


async def _queue(session: AsyncSession, clock: ManualClock, chats: list[int]) -> None:
    world = await build_world(session, clock.now())
    for n, chat in enumerate(chats):
        await enqueue_message(
            session=session,
            organisation_id=world.org.id,
            chat_id=chat,
            kind="test",
            body=f"message {n}",
            now=clock.now(),
        )
    await session.commit()


async def _claim(
    session: AsyncSession, clock: ManualClock, worker: str, limit: int = 10
) -> list[int]:
    claim = await claim_due_messages(
        session=session, now=clock.now(), worker=worker, limit=limit, lease=LEASE
    )
    return [m.id for m in claim.messages]


async def test_two_senders_claiming_at_once_never_share_a_row(
    sessionmaker: async_sessionmaker[AsyncSession], clock: ManualClock
) -> None:
    async with sessionmaker() as session:
        await _queue(session, clock, [7000 + n for n in range(120)])

    async def claim(worker: str) -> list[int]:
        taken: list[int] = []
        while True:
            async with sessionmaker.begin() as session:
                batch = await _claim(session, clock, worker, limit=7)
            if not batch:
                return taken
            taken.extend(batch)

    first, second = await asyncio.gather(claim("a"), claim("b"))
    assert len(first) + len(second) == 120
    assert not set(first) & set(second)


async def test_a_claim_takes_no_more_than_its_limit(
    session: AsyncSession, clock: ManualClock
) -> None:
    await _queue(session, clock, [7000 + n for n in range(300)])
    assert len(await _claim(session, clock, "a", limit=30)) == 30
    assert len(await _claim(session, clock, "b", limit=30)) == 30


async def test_only_a_chats_first_message_is_claimed_and_the_next_after_it_is_sent(
    session: AsyncSession, clock: ManualClock
) -> None:
    await _queue(session, clock, [7001, 7001, 7001, 7002])
    first, other = await _claim(session, clock, "a")
    assert await _claim(session, clock, "b") == [], "7001 has one in flight: its next waits"
    [message] = [m for m in await outbox(session) if m.id == first]
    await start_sending(session, clock.now(), message, worker="a")
    await record_outcome(
        session=session,
        now=clock.now(),
        message=message,
        worker="a",
        outcome=Delivered(telegram_message_id=1),
        policy=RetryPolicy(),
        jitter=1.0,
    )
    assert await _claim(session, clock, "b") == [], "7001 had a message less than a second ago"
    clock.advance(timedelta(seconds=2))
    assert await _claim(session, clock, "b") == [first + 1], "then the next, in queued order"
    assert other == first + 3


async def test_a_crashed_senders_claims_come_back_after_its_short_lease(
    session: AsyncSession, clock: ManualClock
) -> None:
    await _queue(session, clock, [7001, 7002, 7003])
    assert len(await _claim(session, clock, "crashed")) == 3
    clock.advance(timedelta(seconds=4))
    assert await _claim(session, clock, "b") == []
    clock.advance(timedelta(seconds=3))
    assert len(await _claim(session, clock, "b")) == 3
    assert {(m.leased_by, m.attempts) for m in await outbox(session)} == {("b", 0)}, (
        "a lease that ran out is not an attempt"
    )


async def test_a_live_sender_keeps_its_rows_by_renewing_the_lease(
    session: AsyncSession, clock: ManualClock
) -> None:
    await _queue(session, clock, [7001, 7002])
    held = await _claim(session, clock, "a")
    for _ in range(5):
        clock.advance(timedelta(seconds=4))
        assert await renew_leases(
            session=session, now=clock.now(), worker="a", ids=held, lease=LEASE
        ) == set(held)
        assert await _claim(session, clock, "b") == []


async def test_a_row_its_sender_was_sending_when_it_died_is_counted_uncertain_once(
    session: AsyncSession, clock: ManualClock
) -> None:
    await _queue(session, clock, [7001])
    [message] = (
        await claim_due_messages(
            session=session, now=clock.now(), worker="killed", limit=1, lease=LEASE
        )
    ).messages
    await start_sending(session, clock.now(), message, worker="killed")
    clock.advance(timedelta(minutes=2))
    claim = await claim_due_messages(
        session=session, now=clock.now(), worker="b", limit=1, lease=LEASE
    )
    assert [m.id for m in claim.uncertain] == [message.id]
    [row] = await outbox(session)
    assert (row.uncertain_sends, row.sending_at, row.attempts) == (1, None, 1)
    assert row.state == OutboxState.pending, "sent again: lost would be worse than twice"


async def test_a_sender_that_lost_its_lease_cannot_overwrite_the_new_holder(
    session: AsyncSession, clock: ManualClock
) -> None:
    await _queue(session, clock, [7001])
    [slow] = (
        await claim_due_messages(
            session=session, now=clock.now(), worker="slow", limit=1, lease=LEASE
        )
    ).messages
    clock.advance(timedelta(minutes=2))
    assert len(await _claim(session, clock, "fresh")) == 1
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


async def test_a_429_pause_does_not_stop_claiming_only_sending(
    session: AsyncSession, clock: ManualClock
) -> None:
    await _queue(session, clock, [7001])
    await hold_back(session=session, now=clock.now().timestamp(), seconds=30)
    assert len(await _claim(session, clock, "a")) == 1


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
    assert await _claim(session, clock, "a") == []


async def _explained(session: AsyncSession, statement: Executable) -> list[str]:
    """Run `statement` under EXPLAIN ANALYZE (its own binds and types, as sent)."""
    engine = session.get_bind()

    def explain(*args: Any) -> tuple[str, Any]:
        statement_text, parameters = args[2], args[3]
        return f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) {statement_text}", parameters

    event.listen(engine, "before_cursor_execute", explain, retval=True)
    try:
        connection = await session.connection()
        return [str(row[0]) for row in (await connection.execute(statement)).all()]
    finally:
        event.remove(engine, "before_cursor_execute", explain)


@pytest.fixture
async def pg(postgres_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = databases.new_engine(postgres_url)
    await databases.empty_all_tables(engine)
    yield make_sessionmaker(engine)
    await engine.dispose()


async def test_on_postgresql_the_claims_limit_holds_in_its_plan(
    pg: async_sessionmaker[AsyncSession], clock: ManualClock
) -> None:
    """The pick is a materialised CTE run once (loops=1), locking only `limit` rows; an
    `id IN (SELECT ... LIMIT n)` was re-run per outer row and leased the whole backlog."""
    async with pg() as session:
        await _queue(session, clock, [7000 + n for n in range(2000)])
        await session.execute(text("ANALYZE outbound_message"))
        statement = claim_statement(
            now=clock.now(),
            wall=clock.now().timestamp(),
            worker="a",
            limit=30,
            lease=LEASE,
            postgres=True,
        )
        plan = "\n".join(await _explained(session, statement))
        await session.rollback()
    print("\n" + plan)
    assert "CTE picked" in plan and "LockRows" in plan
    limit = next(line for line in plan.splitlines() if "Limit" in line)
    assert "rows=30 loops=1" in limit, limit
    update = plan.splitlines()[0]
    assert "Update on outbound_message" in update
    assert "rows=30" in next(line for line in plan.splitlines() if "CTE Scan on picked" in line)
