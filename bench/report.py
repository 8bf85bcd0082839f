"""How long the programme report takes at national scale on PostgreSQL.

Builds 150,000 young people, 3 million connections and 2 million check-ins across 40
councils (`--quick`: a twentieth of that, under a minute), then times the report for the
largest council over a whole year. Goal: under one second, with the database counting.

    .venv/bin/python bench/report.py [--quick] [--runs 5] [--keep] [--reuse]

Needs PostgreSQL at KITH_BENCH_PG (default postgresql://postgres@127.0.0.1:5432/postgres);
creates and drops its own database.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import asyncio
import os
import statistics
import time
from datetime import UTC, date, datetime

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy import func, select, text

from bench.national_data import FULL, QUICK, generate
from bench.results import machine, report
from models import Base, Organisation, YoungPerson
from models.core import crypto
from models.core.db import make_engine, make_sessionmaker
from models.reports import build_programme_report

ADMIN_DSN = os.environ.get("KITH_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
DATABASE = "kith_bench_report"
YEAR = (date(2026, 1, 1), date(2026, 12, 31))


async def _admin(sql: str) -> None:
    connection = await asyncpg.connect(ADMIN_DSN)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a local PostgreSQL backend has used; 0 when not readable.

    On a machine shared with other work, wall time says little about the report's own
    cost: its CPU time says what it would take on a quiet machine.
    """
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _exists() -> bool:
    connection = await asyncpg.connect(ADMIN_DSN)
    try:
        found = await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", DATABASE)
    finally:
        await connection.close()
    return found is not None


async def main(quick: bool, runs: int, keep: bool, reuse: bool) -> bool:
    scale = QUICK if quick else FULL
    print(f"machine: {machine()}")
    print(
        f"scale: {scale.young_people:,} young people, {scale.connections:,} connections, "
        f"{scale.check_ins:,} check-ins, {scale.organisations} organisations"
    )
    reused = reuse and await _exists()
    if not reused:
        await _admin(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        await _admin(f'CREATE DATABASE "{DATABASE}"')
    dsn = f"{ADMIN_DSN.rsplit('/', 1)[0]}/{DATABASE}"
    engine = make_engine(dsn.replace("postgresql://", "postgresql+asyncpg://"), pool_size=2)
    try:
        if reused:
            print(f"reusing the data already in {DATABASE} (kept by an earlier --keep run)")
        else:
            async with engine.begin() as connection:
                await connection.run_sync(Base.metadata.create_all)
            crypto.configure([crypto.new_key()])
            started = time.perf_counter()
            raw = await asyncpg.connect(dsn)
            try:
                await generate(raw, scale, crypto.encrypt("Nan (fictional)"))
            finally:
                await raw.close()
            print(f"data generated in {time.perf_counter() - started:.0f} s")

        sessionmaker = make_sessionmaker(engine)
        async with sessionmaker() as session:
            largest_id, people = (
                await session.execute(
                    select(YoungPerson.organisation_id, func.count())
                    .group_by(YoungPerson.organisation_id)
                    .order_by(func.count().desc())
                    .limit(1)
                )
            ).one()
            largest = await session.get_one(Organisation, largest_id)
        print(f"largest organisation: {largest.slug} with {people:,} young people")

        timings = []
        for run in range(runs):
            async with sessionmaker() as session:
                backend = int(await session.scalar(text("SELECT pg_backend_pid()")) or 0)
                cpu_before = _cpu_seconds(backend), time.process_time()
                started = time.perf_counter()
                built = await build_programme_report(
                    session=session,
                    now=datetime.now(UTC),
                    organisation=largest,
                    first=YEAR[0],
                    last=YEAR[1],
                )
                timings.append(time.perf_counter() - started)
                database_cpu = _cpu_seconds(backend) - cpu_before[0]
                python_cpu = time.process_time() - cpu_before[1]
            print(
                f"  run {run + 1}: {timings[-1]:.3f} s wall; CPU: database {database_cpu:.3f} s "
                f"(parallel workers not counted), Python {python_cpu:.3f} s; "
                f"load average {os.getloadavg()[0]:.1f}"
            )
        print(
            f"report for {YEAR[0]} to {YEAR[1]}: received {built.value('received'):.0f}, "
            f"conferences held {built.value('conferences_held'):.0f}, "
            f"check-ins sent {built.value('check_ins_sent'):.0f}, "
            f"supported {built.value('supported_young_people'):.0f}"
        )
        print(f"first run {timings[0]:.3f} s, best {min(timings):.3f} s")
        label = "report_quick_largest_org_year" if quick else "report_largest_org_year"
        return report(label, statistics.median(timings), "s", "<", 1.0)
    finally:
        await engine.dispose()
        if keep:
            print(f"kept database {DATABASE}")
        else:
            await _admin(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a twentieth of the data")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse", action="store_true", help="time the report on a database kept by --keep"
    )
    arguments = parser.parse_args()
    asyncio.run(main(arguments.quick, arguments.runs, arguments.keep, arguments.reuse))
