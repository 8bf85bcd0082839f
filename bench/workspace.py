"""The coordinator's workspace at national scale: the server time of Today and of a young
person's record page, p50 and p95, with every page's audit events written as in use.

    python bench/workspace.py            # 150,000 young people (builds a kept database)
    python bench/workspace.py --quick    # 5,000 young people (about a minute)
    python bench/workspace.py --fresh    # build the database again

The database is bench/api.py's (bench/api_data.py: the national dataset, coordinators with
about 20 young people each, open nudges), on PostgreSQL at 127.0.0.1:5432 (KITH_BENCH_PG).
The workspace runs in this process, mounted as `kith run` mounts it, and is called through
its ASGI interface with no network: the time measured is the server's (routing, session
check, queries, rendering, the audit INSERT and commit), one request at a time, for
coordinators sampled from across the 40 councils, each signed in with a real web session.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import asyncio
import statistics
import time
from datetime import UTC, datetime

import httpx
from fastapi import FastAPI
from sqlalchemy import select

from bench.api_data import BENCH_KEY, build, ready, sqlalchemy_url
from bench.results import machine, report
from models.core import crypto
from models.core.db import make_engine, make_sessionmaker
from models.core.enums import Role
from models.staff.user import User
from models.staff.web_sessions import open_web_session
from models.young_people.young_person import YoungPerson
from workspace.app import create_workspace
from workspace.context import WorkspaceContext
from workspace.desk import COOKIE

GOAL_MS = 200.0
COORDINATORS = 40
WARM_UP = 20


async def signed_in(sessionmaker, count: int) -> list[tuple[str, list[int]]]:
    """(cookie secret, their young people) for `count` coordinators across the councils."""
    async with sessionmaker.begin() as session:
        users = list(
            await session.scalars(
                select(User).where(User.role == Role.coordinator).order_by(User.organisation_id)
            )
        )
        step = max(len(users) // count, 1)
        found = []
        for user in users[::step][:count]:
            ids = list(
                await session.scalars(
                    select(YoungPerson.id).where(YoungPerson.coordinator_id == user.id).limit(5)
                )
            )
            secret = await open_web_session(session=session, now=datetime.now(UTC), user=user)
            found.append((secret, ids))
        return found


async def timed(client: httpx.AsyncClient, path: str, secret: str) -> float:
    started = time.perf_counter()
    answer = await client.get(path, cookies={COOKIE: secret})
    elapsed = (time.perf_counter() - started) * 1000
    if answer.status_code != 200:
        raise RuntimeError(f"{path}: {answer.status_code} {answer.text[:200]}")
    return elapsed


def summary(name: str, times: list[float]) -> float:
    ordered = sorted(times)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    print(
        f"{name:8s} n={len(ordered)}  p50 {statistics.median(ordered):6.1f}  "
        f"p95 {p95:6.1f}  max {ordered[-1]:6.1f} ms",
        flush=True,
    )
    return p95


async def main(size: int, rounds: int, fresh: bool) -> bool:
    crypto.configure([BENCH_KEY])
    print(machine())
    if fresh or not await ready(size):
        print(f"building the {size:,}-young-person database (kept for the next run)", flush=True)
        print(f"  built in {await build(size):.0f} s", flush=True)
    engine = make_engine(sqlalchemy_url(size))
    sessionmaker = make_sessionmaker(engine)
    parent = FastAPI()
    parent.mount("/workspace", create_workspace(WorkspaceContext(sessionmaker=sessionmaker)))
    people = await signed_in(sessionmaker, COORDINATORS)
    today: list[float] = []
    record: list[float] = []
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=parent), base_url="http://bench"
    ) as client:
        for index in range(WARM_UP):
            secret, ids = people[index % len(people)]
            await timed(client, "/workspace/", secret)
            await timed(client, f"/workspace/young-people/{ids[0]}", secret)
        for index in range(rounds):
            secret, ids = people[index % len(people)]
            today.append(await timed(client, "/workspace/", secret))
            young_person = ids[(index // len(people)) % len(ids)]
            record.append(await timed(client, f"/workspace/young-people/{young_person}", secret))
    await engine.dispose()
    print(f"{size:,} young people, {len(people)} coordinators, {rounds} requests a page")
    ok = report("workspace_today_p95_ms", summary("today", today), "ms", "<", GOAL_MS)
    ok &= report("workspace_record_p95_ms", summary("record", record), "ms", "<", GOAL_MS)
    return ok


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5,000 young people")
    parser.add_argument("--fresh", action="store_true", help="build the database again")
    parser.add_argument("--rounds", type=int, default=400)
    args = parser.parse_args()
    size = 5_000 if args.quick else 150_000
    rounds = min(args.rounds, 200) if args.quick else args.rounds
    sys.exit(0 if asyncio.run(main(size, rounds, args.fresh)) else 1)
