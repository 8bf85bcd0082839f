"""`kith audit security`, run as the operator would, on SQLite and PostgreSQL: every refused
sign-in and throttle across the deployment, with the councils that hold each email."""

from __future__ import annotations

import asyncio
import functools
import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

from models.core.enums import Role
from models.staff.throttling import SignInOutcome, record_login_attempt
from tests.conftest import TEST_KEY
from tests.support import factories


async def _kith(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    run = functools.partial(
        subprocess.run, capture_output=True, text=True, env=env, timeout=120, check=False
    )
    return await asyncio.to_thread(run, [sys.executable, "-m", "kith", *args])


async def test_the_operator_lists_every_refused_sign_in_across_councils(database_url, sessionmaker):
    now = datetime.now(UTC)  # the command reads the real clock
    async with sessionmaker() as session:
        north = await factories.organisation(session, now, "northshire")
        south = await factories.organisation(session, now, "southshire")
        await factories.user(session, now, north, Role.coordinator, "jo@example.org")
        await factories.user(session, now, south, Role.manager, "jo@example.org")
        for email, outcome in (
            ("jo@example.org", SignInOutcome.failed),
            ("jo@example.org", SignInOutcome.locked),
            ("nobody@example.org", SignInOutcome.throttled),
            ("jo@example.org", SignInOutcome.ok),
        ):
            record_login_attempt(
                session=session, now=now, email=email, address="192.0.2.7", outcome=outcome
            )
        record_login_attempt(
            session=session,
            now=now - timedelta(days=30),
            email="old@example.org",
            address="192.0.2.8",
            outcome=SignInOutcome.failed,
        )
        await session.commit()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KITH_")}
    env |= {"KITH_DATABASE_URL": database_url, "KITH_ENCRYPTION_KEYS": TEST_KEY}
    listed = await _kith(env, "audit", "security", "--days", "365", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert sorted((r["email"], r["outcome"], tuple(r["councils"])) for r in rows) == [
        ("jo@example.org", "failed", ("northshire", "southshire")),
        ("jo@example.org", "locked", ("northshire", "southshire")),
        ("nobody@example.org", "throttled", ()),
        ("old@example.org", "failed", ()),
    ]
    recent = await _kith(env, "audit", "security")
    assert "3 refused sign-ins in the last 7 days (failed, locked, throttled)." in recent.stdout
