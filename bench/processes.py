"""Servers the benchmarks start in their own processes, and what /proc says about them.

A benchmark's load generator must not share a CPU core's event loop with the server it
measures, so `kith run`, the echo bot and the API under test each run as a child process.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def python() -> str:
    """The interpreter running the benchmark (the project's venv)."""
    return sys.executable


@dataclass
class Child:
    """A server in a child process."""

    name: str
    process: subprocess.Popen[bytes]
    url: str

    @property
    def pid(self) -> int:
        return self.process.pid

    def cpu_seconds(self) -> float:
        """User + system CPU time the process has used so far."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS

    def peak_rss_mb(self) -> float:
        """VmHWM: the most resident memory the process has ever held."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmHWM in /proc status")

    async def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            for _ in range(100):
                if self.process.poll() is not None:
                    break
                await asyncio.sleep(0.1)
            else:
                self.process.kill()
        self.process.wait()


async def start(
    name: str,
    command: list[str],
    *,
    port: int,
    env: dict[str, str] | None = None,
    health: str = "/healthz",
    within: float = 60.0,
) -> Child:
    """Start a server and wait until it answers its health check."""
    log = open(f"/tmp/kith-bench-{name}.log", "wb")  # noqa: SIM115 (lives with the child)
    process = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=log, stderr=log
    )
    child = Child(name, process, f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + within
    async with httpx.AsyncClient(timeout=2) as client:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{name} stopped at start-up; see /tmp/kith-bench-{name}.log")
            try:
                if (await client.get(child.url + health)).status_code == 200:
                    return child
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                await child.stop()
                raise RuntimeError(f"{name} did not answer {health} within {within} s")
            await asyncio.sleep(0.2)


def run_command(command: list[str], env: dict[str, str]) -> None:
    """A one-off command (e.g. `kith migrate`), failing loudly."""
    done = subprocess.run(
        command, cwd=ROOT, env={**os.environ, **env}, capture_output=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr.decode()[-2000:]}")


@contextlib.asynccontextmanager
async def profiling(child: Child, folder: Path | None) -> AsyncIterator[None]:
    """With a folder: py-spy samples the child while the block runs (collapsed stacks, and a
    flame graph), so a missed goal comes with the profile that shows why."""
    if folder is None:
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    spy = Path(sys.executable).with_name("py-spy")
    outputs = []
    for kind, suffix in (("raw", "txt"), ("flamegraph", "svg")):
        target = folder / f"{child.name}.{suffix}"
        outputs.append(
            subprocess.Popen(
                [
                    str(spy),
                    "record",
                    "--pid",
                    str(child.pid),
                    "--format",
                    kind,
                    "-o",
                    str(target),
                    "--rate",
                    "200",
                    "--nonblocking",
                    "--gil",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
    try:
        yield
    finally:
        for spy_process in outputs:
            spy_process.send_signal(signal.SIGINT)
        for spy_process in outputs:
            spy_process.wait()
