"""Coordinator API under load: caseload, a young person's record (with network and timeline)
and nudges, at three sizes of the national dataset, against FastAPI's own ceiling.

    python bench/api.py            # 1,000 / 15,000 / 150,000 young people (builds kept databases)
    python bench/api.py --quick    # 500 / 1,500 / 5,000 young people, 1 s a figure (< 1 min)
    python bench/api.py --fresh    # build the databases again

Needs PostgreSQL on 127.0.0.1:5432 (KITH_BENCH_PG). The API runs in its own process
(uvicorn, one worker, loopback); the load comes from another: `wrk` when installed
(`apt-get install wrk`), else an asyncio + httpx generator. 50 concurrent clients, each
acting as a different coordinator (bearer token) from across the 40 councils, asking for
the young people allocated to them. Every answered read writes its audit event, as in use.
Cost per request is the server's own CPU time (from /proc) per request answered: it does
not depend on how the two cores are shared with the load generator. It is measured flat out
at every size (the curve); the latency people see (paced) on the national-scale dataset.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import asyncio
from dataclasses import dataclass

from bench import api_load
from bench.api_data import BENCH_KEY, Client, build, clients, ready, sqlalchemy_url
from bench.processes import ROOT, Child, free_port, python, start
from bench.results import machine, report
from models.core import crypto

CLIENTS = 50
# Paced: each of the 50 clients asks once every 2 s (25 requests a second in all): a whole
# team of coordinators clicking through pages without pause.
THINK_SECONDS = 2.0
CHART = ROOT / "docs" / "images" / "api-cost-per-request.png"


def endpoints(found: list[Client]) -> dict[str, list[tuple[str, str]]]:
    """Per endpoint, the (path, token) pairs the clients ask for in turn."""
    records = [(c.token, person) for c in found for person in c.young_people[:10]]
    return {
        "caseload": [("/v1/young-people?limit=50", c.token) for c in found],
        "record": [(f"/v1/young-people/{p}", t) for t, p in records],
        "network": [(f"/v1/young-people/{p}/connections", t) for t, p in records],
        "timeline": [(f"/v1/young-people/{p}/timeline", t) for t, p in records],
        "nudges": [("/v1/nudges", c.token) for c in found],
        "kith_healthz": [("/healthz", "")],
    }


def shown(load: api_load.Load) -> str:
    return (
        f"{load.per_second:6.0f} req/s  p50 {load.p50_ms:6.1f}  p95 {load.p95_ms:6.1f}  "
        f"p99 {load.p99_ms:6.1f} ms" + (f"  FAILED {load.failed}" if load.failed else "")
    )


@dataclass
class Figure:
    name: str
    flat_out: api_load.Load
    cpu_ms: float  # server CPU per request, flat out
    paced: api_load.Load | None = None

    def line(self) -> str:
        paced = f"   | paced: {shown(self.paced)}" if self.paced else ""
        return f"  {self.name:<13} {shown(self.flat_out)}  CPU {self.cpu_ms:5.2f} ms/req{paced}"


def measure(
    child: Child,
    name: str,
    plan: list[tuple[str, str]],
    seconds: float,
    pace: bool = True,
    warm: bool = True,
) -> Figure:
    """Flat out (capacity and cost per request), then paced (the latency people see)."""
    if warm:
        api_load.run(child.url, plan, CLIENTS, 1.0)  # connections, caches, query plans
    before = child.cpu_seconds()
    load = api_load.run(child.url, plan, CLIENTS, seconds)
    cpu = child.cpu_seconds() - before
    figure = Figure(name, load, 1000 * cpu / max(1, load.requests))
    if pace:
        # At least one think time, so that every client asks (at least once).
        paced_for = max(seconds, THINK_SECONDS)
        figure.paced = api_load.run(child.url, plan, CLIENTS, paced_for, every=THINK_SECONDS)
    print(figure.line(), flush=True)
    return figure


async def serve(which: str, size: int | None = None) -> Child:
    port = free_port()
    command = [python(), str(ROOT / "bench" / "api_server.py"), which, "--port", str(port)]
    if size is not None:
        command += ["--database-url", sqlalchemy_url(size)]
    return await start(f"api-{which}", command, port=port)


def chart(sizes: list[int], results: dict[int, dict[str, Figure]]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(7, 4))
    for name in next(iter(results.values())):
        axes.plot(sizes, [results[s][name].cpu_ms for s in sizes], marker="o", label=name)
    axes.set_xscale("log")
    axes.set_xlabel("young people in the database")
    axes.set_ylabel("server CPU per request (ms)")
    axes.set_title("Kith API: cost per request as the data grows")
    axes.set_ylim(bottom=0)
    axes.legend(fontsize=8)
    figure.tight_layout()
    CHART.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(CHART, dpi=110)
    print(f"chart: {CHART.relative_to(ROOT)}")


async def main(sizes: list[int], seconds: float, fresh: bool, draw: bool, quick: bool) -> bool:
    print(f"machine: {machine()}", flush=True)
    print(f"load generator: {api_load.generator()}, {CLIENTS} concurrent clients", flush=True)
    crypto.configure([BENCH_KEY])
    for size in sizes:
        if fresh or not await ready(size):
            print(f"building the dataset with {size:,} young people", flush=True)
            print(f"  built in {await build(size):.0f} s", flush=True)
    ceiling_server = await serve("ceiling")
    try:
        print("FastAPI's ceiling (a route returning a constant)", flush=True)
        ceiling = measure(ceiling_server, "constant", [("/constant", "")], seconds, pace=False)
    finally:
        await ceiling_server.stop()
    results: dict[int, dict[str, Figure]] = {}
    for size in sizes:
        found = await clients(size, CLIENTS)
        child = await serve("kith", size)
        try:
            print(f"Kith API, {size:,} young people", flush=True)
            # The latency people see is measured on the national-scale dataset only; the
            # smaller sizes give the cost-per-request curve.
            # --quick warms each server once (before its first page), to end within a minute.
            results[size] = {
                name: measure(
                    child,
                    name,
                    plan,
                    seconds,
                    pace=size == sizes[-1] and name != "kith_healthz",
                    warm=not quick or n == 0,
                )
                for n, (name, plan) in enumerate(endpoints(found).items())
            }
        finally:
            await child.stop()
    if draw:
        chart(sizes, results)
    largest, smallest = results[sizes[-1]], results[sizes[0]]
    print(
        f"\nceiling: {ceiling.flat_out.per_second:.0f} req/s, {ceiling.cpu_ms:.2f} ms CPU/request"
    )
    ok = True
    for name in ("caseload", "record", "network", "timeline", "nudges"):
        figure = largest[name]
        paced = figure.paced
        assert paced is not None
        share = figure.flat_out.per_second / ceiling.flat_out.per_second
        growth = figure.cpu_ms / smallest[name].cpu_ms
        print(
            f"{name}: flat out {figure.flat_out.per_second:.0f} req/s = {share:.1%} of the "
            f"ceiling; cost per request x{growth:.2f} from {sizes[0]:,} to {sizes[-1]:,}"
        )
        ok &= report(f"api_{name}_paced_p95_{sizes[-1]}", paced.p95_ms, "ms", "<", 50)
        ok &= report(f"api_{name}_cost_growth", growth, "ratio", "<=", 1.5)
        ok &= report(f"api_{name}_paced_failed", paced.failed, "requests", "==", 0)
    return ok


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, 1 s a figure")
    parser.add_argument("--fresh", action="store_true", help="build the databases again")
    parser.add_argument("--chart", action="store_true", help=f"draw {CHART.relative_to(ROOT)}")
    args = parser.parse_args()
    sizes = [500, 1_500, 5_000] if args.quick else [1_000, 15_000, 150_000]
    seconds = 1.0 if args.quick else 10.0
    outcome = asyncio.run(main(sizes, seconds, args.fresh, args.chart, args.quick))
    raise SystemExit(0 if outcome else 1)
