"""Dispatch benchmark: due check-ins through the local Bot API sandbox, and finding due work
among a million scheduled rows in PostgreSQL.

The check-ins are queued by their rule, then one `kith scheduler` process (default limits:
30 a second overall, 1 a second per chat) sends them to the sandbox (default limits too),
which counts every 429 and times every message that got through.

    .venv/bin/python bench/dispatch.py            # 10,000 check-ins, 1,000,000 rows
    .venv/bin/python bench/dispatch.py --quick    # 1,000 check-ins, 100,000 rows

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
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy import text

from bench.finding_due_work import bench_now, fill, time_finding
from bench.results import machine, report
from bot.sandbox.app import Sandbox
from bot.sandbox.server import bind, serving
from bot.sandbox.world import BotWorld
from models import Base
from models.checkins.rounds import send_due_checkins
from models.core import crypto
from models.core.db import make_engine, make_sessionmaker

ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"
BENCH_KEY = "0TrJ6Jgk1Lzq9Ujvx7o3a8bYz2cq1m8aRkqWZ9h0W8Q="
GRACE = timedelta(hours=1)


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


@dataclass
class Answers:
    """What the sandbox answered to sendMessage: 429s, and when each message got through."""

    rejected: int = 0
    passed_at: list[float] = field(default_factory=list)


def watch(world: BotWorld) -> Answers:
    """Wrap the sandbox's limiter to see every answer (the benchmark's instrument)."""
    answers = Answers()
    check = world.limiter.check

    def counted(chat_id: int, *, group: bool) -> int | None:
        retry = check(chat_id, group=group)
        if retry is None:
            answers.passed_at.append(time.monotonic())
        else:
            answers.rejected += 1
        return retry

    world.limiter.check = counted  # type: ignore[method-assign]
    return answers


async def seed_checkins(url: str, chat_ids: list[int], now: datetime) -> None:
    """One young person per sandbox chat (no quiet hours), each with a check-in due now."""
    engine = make_engine(url)
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO organisation (name, slug, timezone, quiet_start, quiet_end, "
                "working_start, working_end, checkin_cadence, checkin_reminder_hours, "
                "checkin_missed_days, eligible_max_age, eligible_cohorts, "
                "accepts_self_referrals, created_at) VALUES ('Bench Council', 'bench', "
                "'Europe/London', '00:00', '00:00', '09:00', '17:00', '14d', 48, 5, 25, "
                "'in_care', true, :now)"
            ),
            {"now": now},
        )
        await connection.execute(
            text(
                "INSERT INTO young_person (organisation_id, preferred_name, cohort, language, "
                "timezone, preferred_hour, birthday_reminders, telegram_chat_id, quiet_start, "
                "quiet_end, created_at) SELECT 1, 'Bench ' || chat, 'in_care', 'en', "
                "'Europe/London', 17, false, chat, '00:00', '00:00', :now "
                "FROM unnest(CAST(:chats AS bigint[])) AS chat"
            ),
            {"now": now, "chats": chat_ids},
        )
        await connection.execute(
            text(
                "INSERT INTO check_in (organisation_id, young_person_id, label, due_at, state, "
                "created_at) SELECT 1, id, '2 weeks', :due, 'scheduled', :now FROM young_person"
            ),
            {"now": now, "due": now - timedelta(seconds=1)},
        )
    await engine.dispose()


async def queue_checkins(url: str, now: datetime) -> int:
    """The check-in job's rule, run until every due check-in is in the outbox (not timed)."""
    engine = make_engine(url)
    sessionmaker = make_sessionmaker(engine)
    queued = 0
    while True:
        async with sessionmaker.begin() as session:
            sent = (await send_due_checkins(session=session, now=now, grace=GRACE)).sent
        if not sent:
            break
        queued += sent
    await engine.dispose()
    return queued


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


async def dispatch(checkins: int) -> dict[str, float]:
    url = await fresh_database("kith_bench_dispatch")
    now = datetime.now(UTC)
    sandbox = Sandbox()
    world = sandbox.new_bot()
    answers = watch(world)
    people = [world.create_user(f"Young person {n}", opened=True) for n in range(checkins)]
    await seed_checkins(url, [p.id for p in people], now)
    queued = await queue_checkins(url, now)
    print(f"{queued:,} due check-ins queued in the outbox", flush=True)

    async with serving(sandbox.app(), bind()) as served:
        scheduler = start_scheduler(url, world.token, f"{served.url}/bot")
        try:
            with contextlib.suppress(TimeoutError):
                await world.wait_until(
                    lambda: len(answers.passed_at) >= checkins, within=checkins / 10 + 60
                )
            await asyncio.sleep(2)  # a duplicate would arrive by now
        finally:
            scheduler.send_signal(signal.SIGTERM)
            scheduler.wait(timeout=30)
    await sandbox.close()
    await drop_database(url)
    received = Counter(len(world.bot_messages(world.private_chat(p))) for p in people)
    stamps = answers.passed_at
    seconds = stamps[-1] - stamps[0] if len(stamps) > 1 else float("inf")
    print(f"{len(stamps):,} messages in {seconds:.1f}s (first to last)", flush=True)
    return {
        "rate": (len(stamps) - 1) / seconds,
        "429": answers.rejected,
        "duplicates": sum((n - 1) * chats for n, chats in received.items() if n > 1),
        "lost": received.get(0, 0),
    }


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
    checkins, rows = (1_000, 100_000) if quick else (10_000, 1_000_000)
    print(machine(), flush=True)
    sent = await dispatch(checkins)
    claim_ms, checkins_ms = await finding(rows, 20)
    ok = [
        report("dispatch_rate", sent["rate"], "msg/s", ">=", 0.95 * 30),
        report("dispatch_429s", sent["429"], "answers", "==", 0),
        report("dispatch_duplicates", sent["duplicates"], "messages", "==", 0),
        report("dispatch_lost", sent["lost"], "messages", "==", 0),
        report(f"claim_due_outbox_among_{rows}", claim_ms, "ms", "<=", 50),
        report(f"find_due_checkins_among_{rows}", checkins_ms, "ms", "<=", 50),
    ]
    return all(ok)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 check-ins, 100,000 rows")
    raise SystemExit(0 if asyncio.run(main(parser.parse_args().quick)) else 1)
