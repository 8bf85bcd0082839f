"""The load generator of bench/api.py, in its own process: 50 clients over real HTTP.

`wrk` (Debian's package: `apt-get install wrk`) when it is installed, as it costs the server's
two cores least; otherwise this module's own asyncio + httpx generator, run as a child
process (`python bench/api_load.py PLAN.json`). Both answer the same figures.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx


@dataclass(frozen=True)
class Load:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    failed: int  # non-2xx answers and connection errors

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


LUA = """
local plan = {%s}
local n = 0
request = function()
  n = n + 1
  local item = plan[(n %% #plan) + 1]
  local headers = {}
  if item[2] ~= "" then headers["Authorization"] = "Bearer " .. item[2] end
  return wrk.format("GET", item[1], headers)
end
done = function(summary, latency, requests)
  io.write(string.format(
    "JSON {\\"requests\\": %%d, \\"seconds\\": %%f, \\"p50_ms\\": %%f, \\"p95_ms\\": %%f, " ..
    "\\"p99_ms\\": %%f, \\"failed\\": %%d}\\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(95) / 1e3, latency:percentile(99) / 1e3,
    summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
end
"""


WRK = ["wrk", "-t2", "--timeout", "10s"]  # 10 s: under load, waiting is latency, not failure


def generator() -> str:
    return "wrk" if shutil.which("wrk") else "httpx"


def run(
    base_url: str,
    plan: list[tuple[str, str]],
    clients: int,
    seconds: float,
    every: float | None = None,
) -> Load:
    """`clients` connections asking for the (path, token) pairs of `plan` in turn: flat out,
    or each client once `every` seconds (a coordinator's think time; always the httpx
    generator, as wrk cannot pace)."""
    if every is None and shutil.which("wrk"):
        return _wrk(base_url, plan, clients, seconds)
    asked = {
        "base_url": base_url,
        "plan": plan,
        "clients": clients,
        "seconds": seconds,
        "every": every,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(asked, handle)
    done = subprocess.run(
        [sys.executable, __file__, handle.name], capture_output=True, text=True, check=True
    )
    return Load(**json.loads(done.stdout.strip().splitlines()[-1]))


def _wrk(base_url: str, plan: list[tuple[str, str]], clients: int, seconds: float) -> Load:
    entries = ", ".join(f'{{"{path}", "{token}"}}' for path, token in plan)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % entries)
    done = subprocess.run(
        [*WRK, f"-c{clients}", f"-d{max(1, round(seconds))}s", "-s", script.name, base_url],
        capture_output=True,
        text=True,
        check=True,
    )
    Path(script.name).unlink()
    line = next(x for x in done.stdout.splitlines() if x.startswith("JSON "))
    return Load(**json.loads(line[5:]))


async def _client(
    client: httpx.AsyncClient,
    plan: list[tuple[str, str]],
    start: int,
    until: float,
    every: float | None,
) -> tuple[list[float], int]:
    latencies: list[float] = []
    failed = 0
    index = start
    next_at = time.perf_counter()
    if every is not None:
        next_at += every * (start % 97) / 97  # clients spread over the interval
    while time.perf_counter() < until:
        if every is not None:
            await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
            next_at += every
            if time.perf_counter() >= until:
                break
        path, token = plan[index % len(plan)]
        index += 1
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        began = time.perf_counter()
        try:
            answer = await client.get(path, headers=headers)
            failed += not answer.is_success
        except httpx.HTTPError:
            failed += 1
        latencies.append(time.perf_counter() - began)
    return latencies, failed


async def _generate(
    base_url: str, plan: list[tuple[str, str]], clients: int, seconds: float, every: float | None
) -> Load:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=30) as client:
        began = time.perf_counter()
        results = await asyncio.gather(
            *(_client(client, plan, n * 7, began + seconds, every) for n in range(clients))
        )
        elapsed = time.perf_counter() - began
    latencies = sorted(x for found, _ in results for x in found)

    def at(share: float) -> float:
        return latencies[min(len(latencies) - 1, int(share * len(latencies)))] * 1000

    return Load(len(latencies), elapsed, at(0.5), at(0.95), at(0.99), sum(f for _, f in results))


if __name__ == "__main__":
    asked = json.loads(Path(sys.argv[1]).read_text())
    plan = [tuple(item) for item in asked["plan"]]
    load = asyncio.run(
        _generate(asked["base_url"], plan, asked["clients"], asked["seconds"], asked["every"])
    )  # type: ignore[arg-type]
    print(json.dumps(asdict(load)))
