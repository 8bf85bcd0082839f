"""How long finding due work takes with a million scheduled rows in PostgreSQL.

Rows are made by SQL (generate_series), not the ORM: a million check-ins and a million
outbox rows due over the coming year, plus a few due now; then the two hot queries are
timed — the outbox claim (the sender's `UPDATE ... FOR UPDATE SKIP LOCKED`) and the due
check-ins query — each run repeatedly, median reported.
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from models.checkins.rounds import find_due_checkins
from models.core import crypto
from models.outbox.claiming import claim_due_messages

YOUNG_PEOPLE = 1000


async def fill(engine: AsyncEngine, rows: int, due_now: int, now: datetime) -> None:
    body = crypto.encrypt("Hi 👋 fancy a quick check-in?")
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO organisation (name, slug, timezone, quiet_start, quiet_end, "
                "working_start, working_end, checkin_cadence, checkin_reminder_hours, "
                "checkin_missed_days, eligible_max_age, eligible_cohorts, "
                "accepts_self_referrals, language, concern_escalation_minutes, created_at) "
                "VALUES ('Bench Council', 'bench', "
                "'Europe/London', '21:00', '08:00', '09:00', '17:00', '14d', 48, 5, 25, "
                "'in_care', true, 'en', 15, :now)"
            ),
            {"now": now},
        )
        await connection.execute(
            text(
                "INSERT INTO young_person (organisation_id, preferred_name, cohort, language, "
                "timezone, preferred_hour, birthday_reminders, telegram_chat_id, created_at) "
                "SELECT 1, 'Bench ' || g, 'in_care', 'en', 'Europe/London', 17, false, "
                "100000 + g, :now FROM generate_series(1, :n) AS g"
            ),
            {"now": now, "n": YOUNG_PEOPLE},
        )
        # Scheduled work spread over the next year (none of it due), then `due_now` due.
        await connection.execute(
            text(
                "INSERT INTO check_in (organisation_id, young_person_id, label, due_at, state, "
                "created_at) SELECT 1, 1 + g % :people, '2 weeks', "
                "CAST(:now AS timestamptz) + make_interval(secs => 60 + (g % 31536000)), "
                "'scheduled', :now "
                "FROM generate_series(1, :n) AS g"
            ),
            {"now": now, "n": rows, "people": YOUNG_PEOPLE},
        )
        await connection.execute(
            text(
                "INSERT INTO outbound_message (organisation_id, chat_id, young_person_id, kind, "
                "body, due_at, state, attempts, respects_quiet_hours, created_at) "
                "SELECT 1, 100001 + g % :people, 1 + g % :people, 'checkin', :body, "
                "CAST(:now AS timestamptz) + make_interval(secs => 60 + (g % 31536000)), "
                "'pending', 0, false, :now "
                "FROM generate_series(1, :n) AS g"
            ),
            {"now": now, "n": rows, "people": YOUNG_PEOPLE, "body": body},
        )
        await connection.execute(
            text(
                "INSERT INTO outbound_message (organisation_id, chat_id, kind, body, due_at, "
                "state, attempts, respects_quiet_hours, created_at) "
                "SELECT 1, 900000 + g, 'nudge', :body, "
                "CAST(:now AS timestamptz) - interval '1 second', 'pending', "
                "0, false, :now FROM generate_series(1, :n) AS g"
            ),
            {"now": now, "n": due_now, "body": body},
        )
        await connection.execute(
            text(
                "INSERT INTO check_in (organisation_id, young_person_id, label, due_at, state, "
                "created_at) SELECT 1, 1 + g % :people, '6 weeks', "
                "CAST(:now AS timestamptz) - interval '1 minute', "
                "'scheduled', :now FROM generate_series(1, :n) AS g"
            ),
            {"now": now, "n": due_now, "people": YOUNG_PEOPLE},
        )
        await connection.execute(text("ANALYZE"))


async def _median_ms(runs: int, once: object) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        await once()  # type: ignore[operator]
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


async def time_finding(
    sessionmaker: async_sessionmaker[AsyncSession], now: datetime, runs: int
) -> tuple[float, float]:
    """Median milliseconds: claiming 30 due outbox rows; finding the due check-ins (rolled back)."""

    async def claim() -> None:
        async with sessionmaker() as session:
            found = await claim_due_messages(
                session=session, now=now, worker="bench", limit=30, lease=timedelta(seconds=6)
            )
            assert found, "the due rows are there"
            await session.rollback()

    async def checkins() -> None:
        async with sessionmaker() as session:
            found = await find_due_checkins(session=session, now=now)
            assert found, "the due check-ins are there"
            await session.rollback()

    return await _median_ms(runs, claim), await _median_ms(runs, checkins)


def bench_now() -> datetime:
    return datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
