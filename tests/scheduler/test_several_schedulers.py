"""Several `kith scheduler` processes on one PostgreSQL, and one killed mid-burst: every
message reaches the sandbox, none twice (except the documented in-flight case)."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.sandbox.limits import Limits
from bot.sandbox.world import BotWorld, Person
from models import OutboundMessage
from models.core.clock import SystemClock
from models.core.db import make_sessionmaker
from models.core.enums import OutboxState
from models.outbox.sending import enqueue_message
from scheduler.dispatcher import OutboxSettings
from tests import databases
from tests.chat.fixtures import SandboxServer
from tests.scheduler.processes import start_scheduler
from tests.support.scheduler_world import build_world

# Many a second on both sides, so the test takes seconds; pacing has its own tests.
FAST = Limits(overall_per_second=2000, overall_burst=2000)


@pytest.fixture
async def pg(postgres_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = databases.new_engine(postgres_url)
    await databases.empty_all_tables(engine)
    yield make_sessionmaker(engine)
    await engine.dispose()


async def _queue(sessionmaker: async_sessionmaker[AsyncSession], people: list[Person]) -> None:
    now = SystemClock().now()
    async with sessionmaker.begin() as session:
        kith = await build_world(session, now)
        for person in people:
            await enqueue_message(
                session=session,
                organisation_id=kith.org.id,
                chat_id=person.id,
                kind="nudge",
                body=f"Hello {person.first_name}",
                now=now,
            )


async def _until(check: Callable[[], bool], within: float) -> None:
    deadline = time.monotonic() + within
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError
        await asyncio.sleep(0.2)


def _total(world: BotWorld, people: list[Person]) -> int:
    return sum(len(world.bot_messages(world.private_chat(p))) for p in people)


def _received(world: BotWorld, people: list[Person]) -> Counter[int]:
    """How many people got each number of copies: {1: 2000} is every one exactly once."""
    return Counter(len(world.bot_messages(world.private_chat(p))) for p in people)


async def _rows(sessionmaker: async_sessionmaker[AsyncSession]) -> list[OutboundMessage]:
    async with sessionmaker() as session:
        return list(await session.scalars(select(OutboundMessage)))


async def test_two_schedulers_send_2000_messages_each_exactly_once(
    sandbox_server: SandboxServer,
    postgres_url: str,
    pg: async_sessionmaker[AsyncSession],
    tmp_path: Path,
) -> None:
    world = sandbox_server.sandbox.new_bot(limits=FAST)
    people = [world.create_user(f"Person {n}", opened=True) for n in range(2000)]
    await _queue(pg, people)
    schedulers = [
        start_scheduler(
            database_url=postgres_url,
            token=world.token,
            base_url=sandbox_server.base_url,
            log=tmp_path / f"scheduler-{n}.log",
            per_second=300,
        )
        for n in range(2)
    ]
    try:
        await _until(
            lambda: (
                sum(_received(world, people).values()) >= 2000
                and _received(world, people).get(0, 0) == 0
            ),
            within=180,
        )
        await asyncio.sleep(1)  # anything sent twice would have arrived by now
    finally:
        codes = [s.stop() for s in schedulers]
    assert _received(world, people) == {1: 2000}
    rows = await _rows(pg)
    assert {r.state for r in rows} == {OutboxState.sent}
    assert len({r.leased_by for r in rows}) == 2, "both schedulers took their share"
    assert codes == [0, 0], "both stop cleanly on SIGTERM"
    await sandbox_server.sandbox.forget(world)


async def test_a_scheduler_killed_mid_burst_loses_nothing_and_duplicates_only_in_flight(
    sandbox_server: SandboxServer,
    postgres_url: str,
    pg: async_sessionmaker[AsyncSession],
    tmp_path: Path,
) -> None:
    world = sandbox_server.sandbox.new_bot(limits=FAST)
    people = [world.create_user(f"Person {n}", opened=True) for n in range(600)]
    await _queue(pg, people)
    options = dict(
        database_url=postgres_url,
        token=world.token,
        base_url=sandbox_server.base_url,
        per_second=100,
        lease_seconds=5,
    )
    first = start_scheduler(log=tmp_path / "first.log", **options)  # type: ignore[arg-type]
    try:
        await _until(lambda: _total(world, people) >= 150, within=60)
    finally:
        first.kill()
    killed_at = _total(world, people)
    second = start_scheduler(log=tmp_path / "second.log", **options)  # type: ignore[arg-type]
    try:
        await _until(lambda: _received(world, people).get(0, 0) == 0, within=120)
        await asyncio.sleep(1)
    finally:
        second.stop()
    received = _received(world, people)
    duplicates = sum((copies - 1) * chats for copies, chats in received.items() if copies > 1)
    print(f"\nkilled after {killed_at} of 600 sent; duplicates after restart: {duplicates}")
    assert received.get(0, 0) == 0, "nothing lost"
    assert duplicates <= OutboxSettings().concurrency, "at most the sends in flight at the kill"
    assert {r.state for r in await _rows(pg)} == {OutboxState.sent}
    await sandbox_server.sandbox.forget(world)
