"""Conversation throughput: young people adding their people, through the whole of Kith.

    python bench/chat.py                 # 500 young people, SQLite and PostgreSQL (~9.5 min)
    python bench/chat.py --quick         # 50 young people, under a minute
    python bench/chat.py --db sqlite     # or postgres, or both (the default)
    python bench/chat.py --profile DIR   # py-spy each bot's flat-out run (needs py-spy)

The local Bot API sandbox (bot/sandbox/) runs in this process with its sending limits OFF
(Limits(enabled=False)): Telegram's limits are not what is measured here, Kith's processing
is. `kith run` runs in a child process, in webhook mode, with KITH_SEND_PER_SECOND=1000 so
its own client-side rate limiter does not cap it either. Each young person is linked to a
chat; then they all at once open "my people" and add three people, button by button
(25 updates each). The same people then do the same to a minimal python-telegram-bot echo
bot (bench/chat_echo.py), hosted the same way: the framework's own ceiling.

Two phases per bot:
- flat out: everyone at once, each sending their next update as soon as the last is
  answered. Gives the capacity (updates per second). Latency here is queueing: 500 people
  each waiting for an answer means about 500 / capacity seconds each (Little's law). The run
  stops at a cap (60 s for the echo bot, 150 s for Kith; --quick 6 s and 8 s) so the whole
  benchmark ends within 10 minutes; it says how many young people finished all 25 updates.
- paced: two more groups of 500 young people (fresh chats) go through the same script, with
  updates arriving at Telegram's own overall sending limit (30 a second: each update gets one
  message back), then at half the bot's measured capacity, for 15 s each (--quick 2 s).
  Gives the update-to-reply latency a young person would see.

Ends with the peak resident memory (VmHWM) of each `kith run` process, and RESULT lines.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import asyncio
import tempfile
import time
from dataclasses import dataclass, field

from bench.chat_kith import KithUnderTest, start_echo, start_kith
from bench.chat_people import Crowd, Tally, any_reply, three_people
from bench.processes import Child, profiling
from bench.results import machine, report
from bot.sandbox.app import Sandbox
from bot.sandbox.limits import Limits
from bot.sandbox.server import bind, serving
from bot.sandbox.world import BotWorld, Person

TELEGRAM_OVERALL_PER_SECOND = 30.0


@dataclass(frozen=True)
class Options:
    young: int
    databases: list[str]
    paced_seconds: float
    echo_seconds: float  # caps on the flat-out runs, so the whole benchmark ends in time
    kith_seconds: float
    profile: Path | None


@dataclass
class Measured:
    bot: str
    flat_out: Tally
    paced: dict[float, Tally] = field(default_factory=dict)
    bot_cpu_ms_per_update: float = 0.0
    harness_cpu_share: float = 0.0
    peak_rss_mb: float | None = None
    saved: int | None = None


def show(tally: Tally, label: str) -> None:
    print(
        f"  {label:<34} {tally.updates:>6} updates in {tally.seconds:6.1f} s = "
        f"{tally.per_second:7.1f}/s   latency p50 {tally.percentile_ms(0.50):7.1f} ms  "
        f"p95 {tally.percentile_ms(0.95):7.1f} ms  p99 {tally.percentile_ms(0.99):7.1f} ms"
        + (f"   FAILED {tally.failures}" if tally.failures else ""),
        flush=True,
    )


async def measure(
    name: str, crowd: Crowd, child: Child, kith: KithUnderTest | None, options: Options
) -> Measured:
    """Flat out through the three-people script, then paced for `paced_seconds` each."""
    flat = three_people() if kith else any_reply(three_people())
    cohorts = [crowd.young_people[n::3] for n in range(3)]  # flat out, then each pace
    cpu_before, harness_before = child.cpu_seconds(), time.process_time()
    cap = options.echo_seconds if kith is None else options.kith_seconds
    async with profiling(child, options.profile):
        flat_out = await crowd.run(flat, seconds=cap, who=cohorts[0])
    cpu = child.cpu_seconds() - cpu_before
    measured = Measured(name, flat_out)
    if kith is not None:
        measured.saved = await kith.people_saved()
    measured.bot_cpu_ms_per_update = 1000 * cpu / max(1, flat_out.updates)
    measured.harness_cpu_share = (time.process_time() - harness_before) / flat_out.seconds
    print(f"{name}  (bot CPU {measured.bot_cpu_ms_per_update:.2f} ms per update)", flush=True)
    everyone = len(cohorts[0])
    show(flat_out, f"flat out, {everyone} at once")
    if flat_out.finished < everyone:
        print(f"  (stopped at the {cap:.0f} s cap: {flat_out.finished} of {everyone} finished)")
    rates = [TELEGRAM_OVERALL_PER_SECOND, round(flat_out.per_second / 2)]
    for rate, cohort in zip(rates, cohorts[1:], strict=True):
        tally = await crowd.run(flat, per_second=rate, seconds=options.paced_seconds, who=cohort)
        measured.paced[rate] = tally
        show(tally, f"paced at {rate:g} updates/s")
    return measured


async def one_bot(sandbox: Sandbox, sandbox_url: str, bot: str, options: Options) -> Measured:
    workdir = Path(tempfile.mkdtemp(prefix="kith-bench-chat-"))
    world: BotWorld = sandbox.new_bot(username=f"bench_{bot}_bot")
    young_people: list[Person] = [
        world.create_user(f"Young person {n}", opened=True) for n in range(3 * options.young)
    ]
    crowd = Crowd(world, young_people)
    kith: KithUnderTest | None = None
    if bot == "echo":
        child = await start_echo(world.token, f"{sandbox_url}/bot")
    else:
        kith = await start_kith(
            world.token, f"{sandbox_url}/bot", bot, [p.id for p in young_people], workdir
        )
        child = kith.child
    try:
        await world.wait_until(lambda: world.updates.webhook is not None, within=30)
        name = "echo bot (PTB)" if bot == "echo" else f"Kith on {bot}"
        measured = await measure(name, crowd, child, kith, options)
        if kith is not None:
            measured.peak_rss_mb = child.peak_rss_mb()
            expected = measured.flat_out.people_added
            print(f"  people saved by the flat-out run: {measured.saved} (answered: {expected})")
            print(f"  peak resident memory of `kith run` (VmHWM): {measured.peak_rss_mb:.0f} MB")
        return measured
    finally:
        await child.stop()
        if kith is not None:
            await kith.dispose()
        await sandbox.forget(world)


async def main(options: Options) -> bool:
    young = options.young
    print(f"machine: {machine()}", flush=True)
    print(
        f"{young} young people at once, each adding 3 people (25 updates each); "
        "sandbox limits OFF; Kith's KITH_SEND_PER_SECOND=1000\n",
        flush=True,
    )
    sandbox = Sandbox(limits=Limits(enabled=False))
    async with serving(sandbox.app(), bind()) as served:
        echo = await one_bot(sandbox, served.url, "echo", options)
        kiths = [await one_bot(sandbox, served.url, db, options) for db in options.databases]
    print(
        f"\nharness CPU share while flat out (sandbox + {young} people, this process): "
        + ", ".join(f"{m.bot} {m.harness_cpu_share:.0%}" for m in [echo, *kiths]),
        flush=True,
    )
    ok = True
    for kith in kiths:
        db = kith.bot.rsplit(" ", 1)[1]
        share = kith.flat_out.per_second / echo.flat_out.per_second
        print(
            f"{kith.bot}: {kith.flat_out.per_second:.1f} updates/s = {share:.0%} of the echo "
            f"bot's {echo.flat_out.per_second:.1f}/s; bot CPU per update "
            f"{kith.bot_cpu_ms_per_update:.2f} ms vs {echo.bot_cpu_ms_per_update:.2f} ms",
            flush=True,
        )
        at_telegram = kith.paced[TELEGRAM_OVERALL_PER_SECOND]
        ok &= report(
            f"chat_updates_per_second_{db}", kith.flat_out.per_second, "updates/s", ">=", 30
        )
        ok &= report(f"chat_share_of_echo_ceiling_{db}", share, "ratio", ">=", 0.5)
        ok &= report(
            f"chat_p95_at_telegram_rate_{db}", at_telegram.percentile_ms(0.95), "ms", "<", 100
        )
        ok &= report(f"chat_failed_steps_{db}", kith.flat_out.failures, "steps", "==", 0)
        added = kith.flat_out.people_added
        ok &= report(f"chat_people_saved_{db}", kith.saved or 0, "connections", "==", added)
        ok &= report(f"kith_run_peak_rss_{db}", kith.peak_rss_mb or 0.0, "MB", "<", 300)
    return ok


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="50 young people, short paced runs")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--people", type=int, default=None, help="young people (default 500)")
    parser.add_argument(
        "--profile", type=Path, default=None, help="py-spy each bot's flat-out run into this folder"
    )
    args = parser.parse_args()
    options = Options(
        young=args.people or (50 if args.quick else 500),
        databases=["sqlite", "postgres"] if args.db == "both" else [args.db],
        paced_seconds=2.0 if args.quick else 15.0,
        echo_seconds=6.0 if args.quick else 60.0,
        kith_seconds=8.0 if args.quick else 150.0,
        profile=args.profile,
    )
    raise SystemExit(0 if asyncio.run(main(options)) else 1)
