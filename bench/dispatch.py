"""Dispatch benchmark: two `kith scheduler` processes on one PostgreSQL sharing a backlog, the
same with one SIGKILLed mid-drain, and finding due work among a million scheduled rows.

Each run queues one message for each of N chats and a second for 50 of them (real outbox
rows, `enqueue_message`), all due at once; two `kith scheduler` processes at their defaults
(30 a second overall, 1 a second per chat) send them to the local Bot API sandbox (its own
limits on: Telegram's), which logs every call with its time (bot/sandbox/calls.py). From that
log: each scheduler's share, the longest time nothing was delivered while messages were due,
the smallest gap between two messages to one chat, the most in any one second, order in each
two-message chat, losses, duplicates, the rate.

    .venv/bin/python bench/dispatch.py            # 3,050 messages a run, 1,000,000 rows
    .venv/bin/python bench/dispatch.py --quick    # 650 messages a run, 100,000 rows

Needs PostgreSQL on 127.0.0.1:5432 (KITH_TEST_PG). Ends with RESULT lines (bench/results.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import asyncio
import contextlib
import os
import signal
import subprocess
import time
from collections import Counter
from datetime import UTC, datetime

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy import select, text

from bench.dispatch_measures import Run, Seen, print_run
from bench.finding_due_work import bench_now, fill, time_finding
from bench.results import machine, report
from bot.sandbox.app import Sandbox
from bot.sandbox.server import bind, serving
from models import Base, OutboundMessage
from models.core import crypto
from models.core.db import make_engine, make_sessionmaker
from models.core.enums import OutboxState
from models.outbox.sending import enqueue_message

ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"
BENCH_KEY = "0TrJ6Jgk1Lzq9Ujvx7o3a8bYz2cq1m8aRkqWZ9h0W8Q="


async def drop_database(url: str) -> None:
    connection = await asyncpg.connect(ADMIN_DSN)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
    finally:
        await connection.close()


async def fresh_database(prefix: str) -> str:
    """A new database of our own (named by pid: benchmarks running side by side never meet)."""
    name = f"{prefix}_{os.getpid()}"
    connection = await asyncpg.connect(ADMIN_DSN)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    url = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
    engine = make_engine(url)
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    await engine.dispose()
    return url


async def seed(url: str, chats: list[int], twice: int) -> set[str]:
    """One message for every chat and a second for `twice` of them (real outbox rows, made by
    `enqueue_message` as every cause makes them); returns the texts expected."""
    engine = make_engine(url)
    now = datetime.now(UTC)
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO organisation (name, slug, timezone, quiet_start, quiet_end, "
                "working_start, working_end, checkin_cadence, checkin_reminder_hours, "
                "checkin_missed_days, eligible_max_age, eligible_cohorts, "
                "accepts_self_referrals, language, concern_escalation_minutes, created_at) "
                "VALUES ('Bench Council', 'bench', "
                "'Europe/London', '00:00', '00:00', '09:00', '17:00', '14d', 48, 5, 25, "
                "'in_care', true, 'en', 15, :now)"
            ),
            {"now": now},
        )
    sessionmaker = make_sessionmaker(engine)
    expected: set[str] = set()
    # Every so many chats gets a second message, queued right behind its first: the two are
    # due together, so only the per-chat limit and the order rule keep them apart.
    stride = max(1, len(chats) // max(twice, 1))
    queue: list[tuple[int, str]] = []
    for n, chat in enumerate(chats):
        queue.append((chat, "first"))
        if n % stride == 0 and n // stride < twice:
            queue.append((chat, "second"))
    for start in range(0, len(queue), 1000):
        async with sessionmaker.begin() as session:
            for chat, round_ in queue[start : start + 1000]:
                body = f"{chat} {round_}"
                expected.add(body)
                await enqueue_message(
                    session=session,
                    organisation_id=1,
                    chat_id=chat,
                    kind="nudge",
                    body=body,
                    now=now,
                )
    await engine.dispose()
    return expected


def start_scheduler(url: str, token: str, base_url: str) -> subprocess.Popen[bytes]:
    """`kith scheduler` as its own process, as deployed, with the default limits."""
    env = {
        **os.environ,
        "KITH_ENVIRONMENT": "test",
        "KITH_DATABASE_URL": url,
        "KITH_TELEGRAM_TOKEN": token,
        "KITH_TELEGRAM_API_URL": base_url,
        "KITH_ENCRYPTION_KEYS": BENCH_KEY,
        "KITH_LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen([sys.executable, "-m", "kith", "scheduler"], env=env)


async def pending_of(url: str, pid: int) -> set[str]:
    """The texts of the rows a scheduler process holds (leased, not yet sent)."""
    engine = make_engine(url)
    async with make_sessionmaker(engine)() as session:
        rows = await session.scalars(
            select(OutboundMessage).where(
                OutboundMessage.state == OutboxState.pending,
                OutboundMessage.leased_by.like(f"%:{pid}:%"),
            )
        )
        held = {row.body for row in rows}
    await engine.dispose()
    return held


async def shares(url: str) -> tuple[Counter[int], set[str]]:
    """Messages sent by each scheduler (by pid), and the texts of rows with an uncertain send."""
    engine = make_engine(url)
    async with make_sessionmaker(engine)() as session:
        rows = list(await session.scalars(select(OutboundMessage)))
    await engine.dispose()
    sent = Counter(
        int(r.leased_by.split(":")[1]) for r in rows if r.state == OutboxState.sent and r.leased_by
    )
    return sent, {r.body for r in rows if r.uncertain_sends}


async def two_schedulers(chats: int, twice: int, *, kill_after: int | None) -> Run:
    """Two `kith scheduler` processes drain `chats` + `twice` messages; with `kill_after`,
    one is SIGKILLed once that many have arrived."""
    url = await fresh_database("kith_bench_dispatch")
    sandbox = Sandbox()
    world = sandbox.new_bot()
    people = [world.create_user(f"Young person {n}", opened=True).id for n in range(chats)]
    expected = await seed(url, people, twice)
    world.calls.start()
    run = Run(Seen([], 0), expected, Counter(), set())
    async with serving(sandbox.app(), bind()) as served:
        schedulers = [start_scheduler(url, world.token, f"{served.url}/bot") for _ in range(2)]
        within = len(expected) / 25 + 60

        def arrived() -> int:
            return len({c.text for c in world.calls.sends(status=200)})

        try:
            if kill_after is not None:
                await world.wait_until(lambda: arrived() >= kill_after, within=within)
                dead = schedulers[0]
                dead.send_signal(signal.SIGKILL)
                dead.wait()
                run.killed_at = time.monotonic()
                held = await pending_of(url, dead.pid)
                run.dead_rows = len(held)
            with contextlib.suppress(TimeoutError):
                await world.wait_until(lambda: arrived() >= len(expected), within=within)
            await asyncio.sleep(2)  # a duplicate would arrive by now
        finally:
            for scheduler in schedulers:
                if scheduler.poll() is None:
                    scheduler.send_signal(signal.SIGTERM)
                    scheduler.wait(timeout=30)
    run.seen = Seen.of(world.calls.calls)
    run.sent_by, run.uncertain = await shares(url)
    if run.killed_at is not None:
        run.dead_rows_back_in = run.seen.delivered_by(held) - run.killed_at if held else 0.0
    await sandbox.close()
    await drop_database(url)
    return run


async def finding(rows: int, runs: int) -> tuple[float, float]:
    url = await fresh_database("kith_bench_due")
    engine = make_engine(url)
    now = bench_now()
    started = time.perf_counter()
    await fill(engine, rows, 100, now)
    print(
        f"made {rows:,} check-ins and {rows:,} outbox rows in {time.perf_counter() - started:.1f}s",
        flush=True,
    )
    claim_ms, checkins_ms = await time_finding(make_sessionmaker(engine), now, runs)
    await engine.dispose()
    await drop_database(url)
    return claim_ms, checkins_ms


async def main(quick: bool) -> bool:
    crypto.configure([BENCH_KEY])
    chats, twice, rows = (600, 50, 100_000) if quick else (3_000, 50, 1_000_000)
    print(machine(), flush=True)
    print(f"load average at start: {os.getloadavg()}", flush=True)
    both = await two_schedulers(chats, twice, kill_after=None)
    print_run("two schedulers", both)
    killed = await two_schedulers(chats, twice, kill_after=(chats + twice) // 3)
    print_run("one of two SIGKILLed", killed)
    print(
        f"killed holding {killed.dead_rows} rows; all of them delivered "
        f"{killed.dead_rows_back_in:.1f}s after the kill",
        flush=True,
    )
    claim_ms, checkins_ms = await finding(rows, 20)
    print(f"load average at end: {os.getloadavg()}", flush=True)
    seen, expected = both.seen, both.expected
    total = max(sum(both.sent_by.values()), 1)
    smallest_share = min((n / total for n in both.sent_by.values()), default=0.0)
    if len(both.sent_by) < 2:
        smallest_share = 0.0
    after_kill = killed.seen.longest_idle(after=killed.killed_at)
    ok = [
        report("dispatch_smallest_share", smallest_share * 100, "%", ">=", 40),
        report("dispatch_longest_idle_while_due", seen.longest_idle(), "s", "<=", 2),
        report("dispatch_smallest_same_chat_gap", seen.smallest_chat_gap(), "s", ">=", 1.0),
        report("dispatch_most_in_one_second", seen.most_in_a_second(), "messages", "<=", 30),
        report("dispatch_order_broken", seen.order_broken(), "chats", "==", 0),
        report("dispatch_lost", seen.lost(expected), "messages", "==", 0),
        report("dispatch_duplicates", seen.duplicates(), "messages", "==", 0),
        report("dispatch_rate", seen.rate(), "msg/s", ">=", 0.95 * 30),
        report("dispatch_429s", seen.rejected, "answers", "==", 0),
        report("kill_longest_idle_after_kill", after_kill, "s", "<=", 2),
        report("kill_dead_rows_sent_within", killed.dead_rows_back_in, "s", "<=", 10),
        report("kill_smallest_same_chat_gap", killed.seen.smallest_chat_gap(), "s", ">=", 1.0),
        report("kill_most_in_one_second", killed.seen.most_in_a_second(), "messages", "<=", 30),
        report("kill_order_broken", killed.seen.order_broken(), "chats", "==", 0),
        report("kill_lost", killed.seen.lost(killed.expected), "messages", "==", 0),
        report(
            "kill_duplicates_outside_uncertain",
            killed.seen.duplicates(outside=killed.uncertain),
            "messages",
            "==",
            0,
        ),
        report(f"claim_due_outbox_among_{rows}", claim_ms, "ms", "<=", 50),
        report(f"find_due_checkins_among_{rows}", checkins_ms, "ms", "<=", 50),
    ]
    return all(ok)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="650 messages a run, 100,000 rows (about 2 min)"
    )
    raise SystemExit(0 if asyncio.run(main(parser.parse_args().quick)) else 1)
