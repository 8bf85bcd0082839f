"""The bots bench/chat.py drives: `kith run` on a fresh database, and the PTB echo bot.

Kith's database is prepared as a council would have it: migrated by `kith migrate`, one
organisation, and each simulated young person already linked to their Telegram chat (how
they joined is not what this benchmark measures).
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.processes import ROOT, Child, free_port, python, run_command, start
from models.core import crypto
from models.core.clock import SystemClock
from models.core.db import make_engine, make_sessionmaker
from models.core.enums import Cohort
from models.network.connection import Connection
from models.staff.accounts import create_organisation
from models.young_people.young_person import YoungPerson

PG_ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432"


@dataclass
class KithUnderTest:
    child: Child
    database_url: str
    engine: AsyncEngine

    async def people_saved(self) -> int:
        async with make_sessionmaker(self.engine)() as session:
            return int(await session.scalar(select(func.count()).select_from(Connection)) or 0)

    async def dispose(self) -> None:
        await self.engine.dispose()
        if self.database_url.startswith("postgresql"):
            await drop_postgres(self.database_url)


async def fresh_postgres() -> str:
    name = f"kith_bench_chat_{uuid.uuid4().hex[:8]}"
    connection = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return f"{PG_URL}/{name}"


async def drop_postgres(url: str) -> None:
    connection = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
    finally:
        await connection.close()


async def link_young_people(engine: AsyncEngine, chat_ids: list[int]) -> None:
    """One council; each young person linked to their chat, as after joining through the bot."""
    clock = SystemClock()
    async with make_sessionmaker(engine).begin() as session:
        council = await create_organisation(
            session=session, now=clock.now(), name="Benchshire (fictional)", slug="benchshire"
        )
        session.add_all(
            YoungPerson(
                organisation_id=council.id,
                preferred_name=f"Young person {n}",
                cohort=Cohort.in_care,
                age_at_referral=15,
                telegram_chat_id=chat_id,
                created_at=clock.now(),
            )
            for n, chat_id in enumerate(chat_ids)
        )


async def start_kith(
    token: str, api_url: str, database: str, chat_ids: list[int], workdir: Path
) -> KithUnderTest:
    """`kith run` in webhook mode against the sandbox, its client-side limiter lifted."""
    key = crypto.new_key()
    crypto.configure([key])
    if database == "postgres":
        url = await fresh_postgres()
    else:
        url = f"sqlite+aiosqlite:///{workdir / f'kith-{uuid.uuid4().hex[:8]}.db'}"
    port = free_port()
    env = {
        "KITH_ENVIRONMENT": "development",
        "KITH_DATABASE_URL": url,
        "KITH_ENCRYPTION_KEYS": key,
        "KITH_TELEGRAM_TOKEN": token,
        "KITH_TELEGRAM_API_URL": api_url,
        "KITH_WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram/webhook",
        "KITH_WEBHOOK_SECRET": secrets.token_urlsafe(24),
        "KITH_PORT": str(port),
        "KITH_LOG_LEVEL": "WARNING",
        # Telegram's limits are the sandbox's business here, and they are off.
        "KITH_SEND_PER_SECOND": "1000",
        "KITH_SEND_PER_CHAT_PER_SECOND": "100",
    }
    run_command([python(), "-m", "kith", "migrate"], env)
    engine = make_engine(url)
    await link_young_people(engine, chat_ids)
    child = await start(f"kith-{database}", [python(), "-m", "kith", "run"], port=port, env=env)
    return KithUnderTest(child, url, engine)


async def start_echo(token: str, api_url: str) -> Child:
    port = free_port()
    command = [python(), str(ROOT / "bench" / "chat_echo.py"), "--token", token]
    return await start("echo", [*command, "--api-url", api_url, "--port", str(port)], port=port)
