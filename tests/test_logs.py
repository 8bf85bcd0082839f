"""`kith run`'s console is for a person: Kith's own lines, not APScheduler's every second."""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from kith.logs import LIBRARIES, setup_logging
from models.core.clock import ManualClock
from scheduler.jobs import run_job
from tests.conftest import TEST_KEY

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def restored_logging() -> Iterator[None]:
    names = ["", *LIBRARIES]
    levels = {name: logging.getLogger(name).level for name in names}
    yield
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def test_libraries_speak_from_warning_and_kith_at_the_level_asked(restored_logging: None) -> None:
    setup_logging("DEBUG")
    assert logging.getLogger("kith.scheduler").isEnabledFor(logging.DEBUG)
    for name in ("apscheduler.executors.default", "uvicorn.access", "httpx"):
        assert not logging.getLogger(name).isEnabledFor(logging.INFO), name
    setup_logging("WARNING")
    assert not logging.getLogger("kith").isEnabledFor(logging.INFO)


async def test_a_job_that_did_nothing_says_so_only_at_debug(
    sessionmaker: async_sessionmaker[AsyncSession],
    clock: ManualClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def idle(session: AsyncSession, now: datetime) -> Mapping[str, int]:
        return {"sent": 0, "failed": 0}

    with caplog.at_level(logging.DEBUG, logger="kith.scheduler"):
        await run_job("outbox", idle, sessionmaker=sessionmaker, clock=clock)
    [record] = [r for r in caplog.records if r.name == "kith.scheduler"]
    assert record.levelno == logging.DEBUG
    assert json.loads(record.getMessage())["job"] == "outbox"


def test_kith_run_for_a_few_seconds_logs_only_kiths_own_lines(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "KITH_ENVIRONMENT": "test",
        "KITH_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'kith.db'}",
        "KITH_ENCRYPTION_KEYS": TEST_KEY,
        "KITH_PORT": str(_free_port()),
        "KITH_PLAYGROUND_PORT": "0",
        "KITH_LOG_LEVEL": "DEBUG",
        "PYTHONUNBUFFERED": "1",
    }
    log = tmp_path / "console.log"
    with log.open("wb") as handle:
        process = subprocess.Popen(
            [sys.executable, "-m", "kith", "run", "--log-level", "INFO"],
            cwd=ROOT,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while "Updates arrive by" not in log.read_text() and time.monotonic() < deadline:
                assert process.poll() is None, log.read_text()
                time.sleep(0.2)
            time.sleep(4)  # four outbox ticks
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)
    lines = log.read_text().splitlines()
    assert any("PLAYGROUND MODE" in line for line in lines), lines
    assert [line for line in lines if "apscheduler" in line] == []
    assert [line for line in lines if " DEBUG " in line] == [], "--log-level wins over the setting"
    assert [line for line in lines if '"job"' in line] == [], "idle jobs say nothing at INFO"
