"""Every job runs in its own session: committed when it works, rolled back when it fails,
and one JSON log line either way."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.sandbox.world import BotWorld
from models import Organisation
from models.core.clock import ManualClock
from models.core.enums import NudgeKind
from models.nudges.raising import raise_nudge
from scheduler.jobs import run_job
from tests.chat.fixtures import SandboxServer
from tests.scheduler.sandboxed import sandboxed_scheduler
from tests.support import factories
from tests.support.scheduler_world import build_world, outbox


async def _count(sessionmaker: async_sessionmaker[AsyncSession]) -> int:
    async with sessionmaker() as session:
        return int(await session.scalar(select(func.count(Organisation.id))) or 0)


async def test_a_job_that_works_is_committed_and_logs_one_line(
    sessionmaker: async_sessionmaker[AsyncSession],
    clock: ManualClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def work(session: AsyncSession, now: datetime) -> Mapping[str, int]:
        await factories.organisation(session, now)
        return {"added": 1}

    with caplog.at_level(logging.INFO, logger="kith.scheduler"):
        assert await run_job("adds", work, sessionmaker=sessionmaker, clock=clock) == {"added": 1}
    assert await _count(sessionmaker) == 1
    [record] = [r for r in caplog.records if r.name == "kith.scheduler"]
    line = json.loads(record.getMessage())
    assert line["job"] == "adds" and line["ok"] is True and line["added"] == 1
    assert "ms" in line


async def test_a_job_that_fails_is_rolled_back_and_logs_one_error_line(
    sessionmaker: async_sessionmaker[AsyncSession],
    clock: ManualClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def work(session: AsyncSession, now: datetime) -> Mapping[str, int]:
        await factories.organisation(session, now)
        raise RuntimeError("halfway")

    with caplog.at_level(logging.INFO, logger="kith.scheduler"):
        assert await run_job("breaks", work, sessionmaker=sessionmaker, clock=clock) is None
    assert await _count(sessionmaker) == 0
    [record] = [
        r for r in caplog.records if r.name == "kith.scheduler" and r.levelno >= logging.INFO
    ]
    line = json.loads(record.getMessage())
    assert line["ok"] is False and "halfway" in line["error"]


async def test_the_scheduler_sends_this_mornings_digest_when_it_starts_late(
    sandbox_server: SandboxServer,
    bot_world: BotWorld,
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    """Down at 09:00, back at 09:40: the start-up catch-up queues the digest, and only once."""
    clock = ManualClock(datetime(2026, 11, 23, 9, 40, tzinfo=UTC))  # a Monday, GMT
    async with sessionmaker.begin() as session:
        world = await build_world(session, clock.now())
        await raise_nudge(
            session=session,
            now=clock.now() - timedelta(hours=12),
            kind=NudgeKind.checkin_missed,
            young_person=world.sam,
        )
    async with sandboxed_scheduler(
        server=sandbox_server, world=bot_world, sessionmaker=sessionmaker, clock=clock
    ) as scheduler:
        assert await scheduler.run("digest_catch_up") == {"digests": 1}
        assert await scheduler.run("digest_catch_up") == {"digests": 0}
    async with sessionmaker() as session:
        [digest] = await outbox(session, kind="digest")
    assert digest.chat_id == world.coordinator.telegram_chat_id
    assert "Check-in missed — Sam" in digest.body
    await sandbox_server.sandbox.forget(bot_world)
