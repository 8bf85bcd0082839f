"""How quickly a young person hears back through the local Bot API sandbox, and how many
messages a second the sandbox serves: the figures behind "tests and demos run at chat speed".

Run: .venv/bin/python bench/sandbox_roundtrip.py
Prints the median and 95th percentile of "/start → the bot's answer" in polling and in webhook
mode (the whole of Kith on SQLite), and the sandbox's sendMessage rate through
python-telegram-bot with the limits off. RESULT lines follow bench/results.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import asyncio
import statistics
import tempfile
import time

from telegram import Bot
from telegram.request import HTTPXRequest

from bench.results import machine, report
from bot.sandbox import people
from bot.sandbox.app import Sandbox
from bot.sandbox.limits import Limits
from bot.sandbox.server import bind, serving
from kith.runtime import build_runtime
from kith.settings import load_settings
from kith.system import System
from models import Base
from models.core import crypto
from models.core.clock import SystemClock
from models.core.db import make_engine, make_sessionmaker

PEOPLE = 60
MESSAGES = 600


async def round_trips(sandbox: Sandbox, sandbox_url: str, database: Path, mode: str) -> list[float]:
    world = sandbox.new_bot(limits=Limits(enabled=False))
    engine = make_engine(f"sqlite+aiosqlite:///{database}")
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    sock = bind()
    api_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    settings = load_settings(
        _env_file=None,
        environment="test",
        database_url=f"sqlite+aiosqlite:///{database}",
        encryption_keys=crypto.new_key(),
        telegram_token=world.token,
        telegram_api_url=f"{sandbox_url}/bot",
        webhook_url=f"{api_url}/telegram/webhook" if mode == "webhook" else None,
        webhook_secret="bench-secret" if mode == "webhook" else None,
    )
    runtime = build_runtime(System(settings, engine, make_sessionmaker(engine), SystemClock()))
    seconds: list[float] = []
    async with serving(runtime.app, sock):
        for number in range(PEOPLE):
            person = world.create_user(f"Person {number}")
            chat = world.private_chat(person)
            started = time.perf_counter()
            people.says(world, person, "/start")
            await world.wait_until(lambda chat=chat: world.bot_messages(chat), within=10)
            seconds.append(time.perf_counter() - started)
    await engine.dispose()
    await sandbox.forget(world)
    return seconds


async def send_rate(sandbox: Sandbox, sandbox_url: str) -> float:
    world = sandbox.new_bot(limits=Limits(enabled=False))
    people_here = [world.create_user(f"P{n}", opened=True) for n in range(20)]
    # PTB's lone Bot has one connection; give it one per concurrent sender, as Application does.
    request = HTTPXRequest(connection_pool_size=len(people_here))
    async with Bot(world.token, base_url=f"{sandbox_url}/bot", request=request) as bot:
        started = time.perf_counter()
        for batch in range(MESSAGES // 20):
            await asyncio.gather(*(bot.send_message(p.id, f"message {batch}") for p in people_here))
        elapsed = time.perf_counter() - started
    await sandbox.forget(world)
    return MESSAGES / elapsed


async def main() -> None:
    crypto.configure([crypto.new_key()])
    print(machine())
    sandbox = Sandbox()
    async with serving(sandbox.app(), bind()) as served:
        with tempfile.TemporaryDirectory() as folder:
            for mode in ("polling", "webhook"):
                seconds = await round_trips(sandbox, served.url, Path(folder) / f"{mode}.db", mode)
                p50 = statistics.median(seconds) * 1000
                p95 = statistics.quantiles(seconds, n=20)[18] * 1000
                print(
                    f"{mode}: /start → answer over {PEOPLE} people: median {p50:.1f} ms, "
                    f"p95 {p95:.1f} ms"
                )
                report(f"start_roundtrip_p95_{mode}", p95, "ms", "<=", 250)
        rate = await send_rate(sandbox, served.url)
        print(f"sandbox sendMessage through python-telegram-bot: {rate:.0f} messages/s")
        # The sandbox must at least keep up with Telegram's own overall limit (30 a second),
        # or its 429s would be its own slowness rather than the limit under test.
        report("sandbox_send_rate", rate, "msg/s", ">=", 30)
        await sandbox.close()


if __name__ == "__main__":
    asyncio.run(main())
