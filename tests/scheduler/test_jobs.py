"""Every job runs in its own session: committed when it works, rolled back when it fails,
and one JSON log line either way."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models import Organisation
from models.clock import ManualClock
from scheduler.jobs import run_job
from tests import factories


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
