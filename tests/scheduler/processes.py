"""Running `kith scheduler` as real processes against one database and the sandbox."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import TEST_KEY

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class SchedulerProcess:
    process: subprocess.Popen[bytes]
    log: Path

    def kill(self) -> None:
        """SIGKILL: no clean-up at all, as a crash or an OOM kill would be."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> int:
        """SIGTERM, and wait for the exit (blocking: call it in a thread from async code)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                return self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                return self.process.wait()
        return self.process.returncode


def start_scheduler(
    *,
    database_url: str,
    token: str,
    base_url: str,
    log: Path,
    per_second: float,
    lease_seconds: int = 6,
) -> SchedulerProcess:
    env = {
        **os.environ,
        "KITH_ENVIRONMENT": "test",
        "KITH_DATABASE_URL": database_url,
        "KITH_TELEGRAM_TOKEN": token,
        "KITH_TELEGRAM_API_URL": base_url,
        "KITH_ENCRYPTION_KEYS": TEST_KEY,
        "KITH_SEND_PER_SECOND": str(per_second),
        "KITH_OUTBOX_LEASE_SECONDS": str(lease_seconds),
        "KITH_LOG_LEVEL": "INFO",
        "PYTHONUNBUFFERED": "1",
    }
    handle = log.open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "kith", "scheduler"],
        cwd=ROOT,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
    )
    return SchedulerProcess(process, log)
