"""API latency on embedded SQLite: a coordinator's everyday reads, in process (no network).

Run: .venv/bin/python bench/api_latency.py [--young-people 300] [--requests 200]
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import UTC, datetime

import httpx

from api.app import ApiContext, create_app
from bench.results import machine, report
from models import Base, Organisation, YoungPerson
from models.core import crypto
from models.core.clock import ManualClock
from models.core.db import make_engine, make_sessionmaker
from models.core.enums import Cohort, ReferralSource, Role
from models.referrals.intake import create_referral
from models.staff.accounts import create_organisation, create_user
from models.staff.tokens import issue_token


async def _seed(sessionmaker, clock, young_people: int) -> tuple[str, list[int]]:
    now = clock.now()
    async with sessionmaker() as session:
        north: Organisation = await create_organisation(
            session=session, now=now, name="Northshire", slug="northshire"
        )
        manager = await create_user(
            session=session,
            now=now,
            organisation=north,
            email="m@example.org",
            display_name="Manager",
            role=Role.manager,
            password="a long bench passphrase",
        )
        ids = []
        for number in range(young_people):
            person = YoungPerson(
                organisation_id=north.id,
                preferred_name=f"Young {number}",
                cohort=Cohort.in_care,
                age_at_referral=15,
                coordinator_id=manager.id,
                created_at=now,
            )
            session.add(person)
            await session.flush()
            await create_referral(
                session=session,
                now=now,
                organisation=north,
                young_person=person,
                source=ReferralSource.social_worker,
            )
            ids.append(person.id)
        token = (await issue_token(session=session, now=now, user=manager)).plaintext
        await session.commit()
    return token, ids


async def _timed(client: httpx.AsyncClient, paths: list[str], token: str) -> list[float]:
    spent = []
    for path in paths:
        started = time.perf_counter()
        answer = await client.get(path, headers={"Authorization": f"Bearer {token}"})
        spent.append((time.perf_counter() - started) * 1000)
        assert answer.status_code == 200, answer.text
    return spent


async def main(young_people: int, requests: int) -> bool:
    crypto.configure([crypto.new_key()])
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}")
        async with engine.begin() as connection:
            await connection.run_sync(Base.metadata.create_all)
        sessionmaker = make_sessionmaker(engine)
        clock = ManualClock(datetime(2026, 3, 2, 10, 0, tzinfo=UTC))
        token, ids = await _seed(sessionmaker, clock, young_people)
        app = create_app(ApiContext(sessionmaker=sessionmaker, clock=clock))
        transport = httpx.ASGITransport(app=app)
        print(machine())
        ok = True
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            cases = {
                "young_person_read": [
                    f"/v1/young-people/{ids[i % len(ids)]}" for i in range(requests)
                ],
                "referrals_page_50": ["/v1/referrals?limit=50"] * (requests // 4),
                "today": ["/v1/today"] * (requests // 4),
            }
            for name, paths in cases.items():
                spent = sorted(await _timed(client, paths, token))
                p50 = statistics.median(spent)
                p95 = spent[int(len(spent) * 0.95) - 1]
                print(f"{name}: n={len(spent)} p50={p50:.1f} ms p95={p95:.1f} ms")
                if name == "young_person_read":
                    ok = report("api_young_person_read_p95", p95, "ms", "<=", 50)
        await engine.dispose()
    return ok


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--young-people", type=int, default=300)
    parser.add_argument("--requests", type=int, default=200)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.young_people, arguments.requests))
