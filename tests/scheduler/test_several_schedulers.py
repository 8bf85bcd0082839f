"""`kith scheduler` processes on one PostgreSQL, as deployed, against the sandbox: two share the
work and one is SIGKILLed mid-drain; SIGTERM stops one cleanly; its database connections are
cut mid-drain. Every message arrives, none twice (but on rows named uncertain), each chat's
in order and at least a second apart."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import asyncpg  # type: ignore[import-untyped]
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.sandbox.calls import Call
from bot.sandbox.limits import Limits
from bot.sandbox.world import BotWorld, Person
from models import OutboundMessage
from models.core.clock import SystemClock
from models.core.db import make_sessionmaker
from models.core.enums import OutboxState
from models.outbox.sending import enqueue_message
from tests import databases
from tests.chat.fixtures import SandboxServer
from tests.scheduler.processes import SchedulerProcess, start_scheduler
from tests.support.scheduler_world import build_world

# The stand-in answers 429 only past Telegram's bursts; Kith's own pace is what is checked.
STAND_IN = Limits(overall_per_second=1000, overall_burst=1000)


@pytest.fixture
async def pg(postgres_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = databases.new_engine(postgres_url)
    await databases.empty_all_tables(engine)
    yield make_sessionmaker(engine)
    await engine.dispose()


async def _queue(
    sessionmaker: async_sessionmaker[AsyncSession], people: list[Person], twice: int
) -> int:
    """One message to each person, and a second to the first `twice` of them."""
    now = SystemClock().now()
    async with sessionmaker.begin() as session:
        kith = await build_world(session, now)
        for round_, who in (("first", people), ("second", people[:twice])):
            for person in who:
                await enqueue_message(
                    session=session,
                    organisation_id=kith.org.id,
                    chat_id=person.id,
                    kind="nudge",
                    body=f"{round_} for {person.id}",
                    now=now,
                )
    return len(people) + twice


async def _until(check: Callable[[], bool], within: float) -> None:
    deadline = time.monotonic() + within
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError
        await asyncio.sleep(0.1)


async def _rows(sessionmaker: async_sessionmaker[AsyncSession]) -> list[OutboundMessage]:
    async with sessionmaker() as session:
        return list(await session.scalars(select(OutboundMessage)))


def _delivered(world: BotWorld) -> list[Call]:
    return world.calls.sends(status=200)


def _check_every_chat(world: BotWorld, rows: list[OutboundMessage], expected: int) -> None:
    """Lost 0; duplicates only on rows named uncertain; each chat in order, >= 1 s apart."""
    by_chat: dict[int | None, list[Call]] = defaultdict(list)
    for call in _delivered(world):
        by_chat[call.chat_id].append(call)
    copies = Counter(call.text for call in _delivered(world))
    assert len(copies) == expected, "lost nothing"
    uncertain = {r.body for r in rows if r.uncertain_sends}
    doubled = {text for text, n in copies.items() if n > 1}
    assert doubled <= uncertain, f"a duplicate only where a send was uncertain: {doubled}"
    for calls in by_chat.values():
        texts = [c.text for c in calls if c.text]
        firsts = [n for n, t in enumerate(texts) if t.startswith("first")]
        seconds = [n for n, t in enumerate(texts) if t.startswith("second")]
        assert not seconds or min(seconds) > max(firsts), f"in queued order: {texts}"
        gaps = [b.at - a.at for a, b in itertools.pairwise(calls)]
        assert all(gap >= 1.0 for gap in gaps), f"a second apart in one chat: {gaps}"
    assert {r.state for r in rows} == {OutboxState.sent}


def _started(
    server: SandboxServer, world: BotWorld, url: str, log: Path, per_second: float
) -> SchedulerProcess:
    return start_scheduler(
        database_url=url,
        token=world.token,
        base_url=server.base_url,
        log=log,
        per_second=per_second,
        lease_seconds=6,
    )


async def test_two_schedulers_share_the_work_and_a_sigkill_loses_nothing(
    sandbox_server: SandboxServer,
    postgres_url: str,
    pg: async_sessionmaker[AsyncSession],
    tmp_path: Path,
) -> None:
    world = sandbox_server.sandbox.new_bot(limits=STAND_IN)
    people = [world.create_user(f"Person {n}", opened=True) for n in range(270)]
    expected = await _queue(pg, people, twice=30)
    world.calls.start()
    first, second = (
        _started(sandbox_server, world, postgres_url, tmp_path / f"s{n}.log", 60) for n in (1, 2)
    )
    try:
        await _until(lambda: len(_delivered(world)) >= 100, within=60)
        first.kill()
        killed_at = time.monotonic()
        await _until(lambda: len({c.text for c in _delivered(world)}) >= expected, within=60)
        back_in = time.monotonic() - killed_at
        await asyncio.sleep(1.5)  # anything sent twice would have arrived by now
    finally:
        first.kill()
        code = await asyncio.to_thread(second.stop)
    rows = await _rows(pg)
    _check_every_chat(world, rows, expected)
    shares = Counter(r.leased_by.split(":")[1] for r in rows if r.leased_by)
    print(f"\nshares by pid {dict(shares)}; all sent {back_in:.1f}s after the kill")
    assert shares[str(first.process.pid)] > 0 and shares[str(second.process.pid)] > 0
    assert back_in < 15, "the killed one's rows came back within seconds, not a minute"
    assert code == 0
    await sandbox_server.sandbox.forget(world)


async def test_sigterm_stops_at_once_gives_every_lease_back_and_exits_cleanly(
    sandbox_server: SandboxServer,
    postgres_url: str,
    pg: async_sessionmaker[AsyncSession],
    tmp_path: Path,
) -> None:
    world = sandbox_server.sandbox.new_bot(limits=STAND_IN)
    people = [world.create_user(f"Person {n}", opened=True) for n in range(200)]
    await _queue(pg, people, twice=0)
    world.calls.start()
    scheduler = _started(sandbox_server, world, postgres_url, tmp_path / "s.log", 20)
    world.faults.late(0.5, methods=["sendMessage"])  # a send is in flight when it comes
    await _until(lambda: len(_delivered(world)) >= 20, within=60)
    started = time.monotonic()
    code = await asyncio.to_thread(scheduler.stop)
    took = time.monotonic() - started
    after = [c for c in world.calls.sends() if c.at > started + took]
    rows = await _rows(pg)
    log = (tmp_path / "s.log").read_text()
    assert code == 0 and took < 5, f"exit {code} after {took:.1f}s"
    assert "Traceback" not in log and "CancelledError" not in log, log[-2000:]
    assert after == [], "nothing sent after it exited"
    pending = [r for r in rows if r.state == OutboxState.pending]
    assert pending and all(r.leased_by is None and r.lease_until is None for r in pending)
    assert all(r.sending_at is None for r in rows), "the send in hand was finished"
    assert len({c.text for c in _delivered(world)}) == 200 - len(pending)
    await sandbox_server.sandbox.forget(world)


async def test_cut_database_connections_stall_nothing_and_double_nothing(
    sandbox_server: SandboxServer,
    postgres_url: str,
    pg: async_sessionmaker[AsyncSession],
    tmp_path: Path,
) -> None:
    world = sandbox_server.sandbox.new_bot(limits=STAND_IN)
    people = [world.create_user(f"Person {n}", opened=True) for n in range(240)]
    expected = await _queue(pg, people, twice=20)
    world.calls.start()
    scheduler = _started(sandbox_server, world, postgres_url, tmp_path / "s.log", 40)
    try:
        for cut in (40, 100, 160):
            await _until(lambda cut=cut: len(_delivered(world)) >= cut, within=60)  # type: ignore[misc]
            await _cut_connections(postgres_url)
        await _until(lambda: len({c.text for c in _delivered(world)}) >= expected, within=60)
        await asyncio.sleep(1.5)
    finally:
        code = await asyncio.to_thread(scheduler.stop)
    await pg.kw["bind"].dispose()  # its pooled connections were cut too
    rows = await _rows(pg)
    _check_every_chat(world, rows, expected)
    moments = [c.at for c in _delivered(world)]
    stall = max(b - a for a, b in itertools.pairwise(moments))
    print(f"\nlongest gap between two sends: {stall:.2f}s")
    assert stall < 2.0, "no stall longer than a tick"
    assert not any(r.uncertain_sends for r in rows), "every answer was recorded"
    assert code == 0
    await sandbox_server.sandbox.forget(world)


async def _cut_connections(url: str) -> None:
    """pg_terminate_backend on every connection to the test database but this one."""
    name = url.rsplit("/", 1)[1]
    connection = await asyncpg.connect(databases.PG_ADMIN_DSN)
    try:
        await connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = $1 AND pid <> pg_backend_pid()",
            name,
        )
    finally:
        await connection.close()
