"""The API benchmark's databases: the reports helper's national-scale dataset
(bench/national_data.py), at a given size, plus what the coordinator API needs on top:
coordinators holding about 20 young people each (a real caseload), and open nudges.

Each size gets its own PostgreSQL database, named by size, kept for the next run (`--fresh`
builds it again): generating 150,000 young people and 3 million connections takes minutes.
"""

from __future__ import annotations

import os
import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy import select

from bench.national_data import NOW, Scale, generate
from models import Base
from models.core import crypto
from models.core.db import make_engine, make_sessionmaker
from models.core.enums import Role
from models.staff.tokens import issue_token
from models.staff.user import User
from models.young_people.young_person import YoungPerson

ADMIN_DSN = os.environ.get("KITH_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
CASELOAD = 20
# The encryption key of the benchmark's databases (fictional data only): kept with them, so
# a kept database can be read again by the next run.
BENCH_KEY = "YmVuY2gtb25seS1rZXktZm9yLWZpY3Rpb25hbC1kYXQ="


def scale_for(young_people: int) -> Scale:
    """The national dataset's proportions (20 connections and ~13 check-ins a young person)."""
    return Scale(
        organisations=40,
        young_people=young_people,
        connections=young_people * 20,
        check_ins=young_people * 40 // 3,
    )


def database_name(young_people: int) -> str:
    return f"kith_bench_api_{young_people}"


def dsn(young_people: int) -> str:
    return f"{ADMIN_DSN.rsplit('/', 1)[0]}/{database_name(young_people)}"


def sqlalchemy_url(young_people: int) -> str:
    return dsn(young_people).replace("postgresql://", "postgresql+asyncpg://")


COORDINATORS_AND_NUDGES = [
    (
        "coordinators",
        f"""
        INSERT INTO user_account (organisation_id, email, display_name, role, password_hash,
            created_at)
        SELECT c.organisation_id, 'coordinator-' || c.organisation_id || '-' || k
                || '@bench.example',
            'Coordinator ' || k || ' (fictional)', 'coordinator', 'not-a-password',
            timestamptz '{NOW}'
        FROM (SELECT organisation_id, count(*) AS n FROM young_person GROUP BY 1) c,
            generate_series(1, ceil(c.n / {CASELOAD}.0)::int) k""",
    ),
    (
        "allocation",
        f"""
        UPDATE young_person y SET coordinator_id = u.id
        FROM (SELECT id, organisation_id,
                (row_number() OVER (PARTITION BY organisation_id ORDER BY id) - 1)
                    / {CASELOAD} + 1 AS k
              FROM young_person) r
        JOIN user_account u ON u.organisation_id = r.organisation_id
            AND u.email = 'coordinator-' || r.organisation_id || '-' || r.k || '@bench.example'
        WHERE y.id = r.id""",
    ),
    (
        "nudges",
        f"""
        INSERT INTO nudge (organisation_id, young_person_id, coordinator_id, kind, urgency,
            state, occurrences, last_raised_at, created_at)
        SELECT organisation_id, id, coordinator_id,
            (ARRAY['checkin_missed','contact_asked','review_due','low_wellbeing'])[1 + id % 4],
            CASE WHEN id % 17 = 0 THEN 'urgent' ELSE 'normal' END,
            (ARRAY['open','open','acknowledged','resolved'])[1 + id % 4], 1,
            timestamptz '{NOW}' - (id % 90) * interval '1 day',
            timestamptz '{NOW}' - (id % 90) * interval '1 day'
        FROM young_person WHERE id % 3 = 0""",
    ),
    ("analyse", "ANALYZE"),
]


async def _admin(sql: str) -> None:
    connection = await asyncpg.connect(ADMIN_DSN)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


async def ready(young_people: int) -> bool:
    """A kept database of this size, built to the end (the marker is the last thing made)."""
    try:
        connection = await asyncpg.connect(dsn(young_people))
    except asyncpg.InvalidCatalogNameError:
        return False
    try:
        return bool(await connection.fetchval("SELECT to_regclass('bench_built') IS NOT NULL"))
    finally:
        await connection.close()


async def build(young_people: int) -> float:
    """Build the database of this size from nothing; returns the seconds it took."""
    started = time.perf_counter()
    name = database_name(young_people)
    await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await _admin(f'CREATE DATABASE "{name}"')
    engine = make_engine(sqlalchemy_url(young_people), pool_size=1)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(Base.metadata.create_all)
    finally:
        await engine.dispose()
    raw = await asyncpg.connect(dsn(young_people))
    try:
        await generate(raw, scale_for(young_people), crypto.encrypt("Nan (fictional)"))
        for what, sql in COORDINATORS_AND_NUDGES:
            step = time.perf_counter()
            await raw.execute(sql)
            print(f"  {what}: {time.perf_counter() - step:.1f} s", flush=True)
        await raw.execute("CREATE TABLE bench_built (at timestamptz)")
    finally:
        await raw.close()
    return time.perf_counter() - started


@dataclass(frozen=True)
class Client:
    """One coordinator the load generator acts as: their token and young people."""

    token: str
    young_people: list[int]


async def clients(young_people: int, count: int) -> list[Client]:
    """`count` coordinators from across the councils, each with a fresh API token."""
    engine = make_engine(sqlalchemy_url(young_people), pool_size=1)
    chosen = random.Random(42)
    try:
        async with make_sessionmaker(engine).begin() as session:
            users = list(
                await session.scalars(
                    select(User).where(User.role == Role.coordinator).order_by(User.id)
                )
            )
            found = []
            for user in chosen.sample(users, min(count, len(users))):
                ids = list(
                    await session.scalars(
                        select(YoungPerson.id).where(YoungPerson.coordinator_id == user.id)
                    )
                )
                issued = await issue_token(session=session, now=datetime.now(UTC), user=user)
                found.append(Client(issued.plaintext, ids))
            return found
    finally:
        await engine.dispose()
