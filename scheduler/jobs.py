"""The one wrapper every job runs in: its own session, rollback on error, one log line.

A job is `async def work(session, now) -> counts`; the wrapper commits what it did, or rolls
it all back if it raised, and logs one JSON line (job, ok, ms, and the counts): at INFO when
the job did something, at DEBUG when every count was 0 (the outbox ticks every second), at
ERROR when it failed.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models.core.clock import Clock

log = logging.getLogger("kith.scheduler")

Work = Callable[[AsyncSession, datetime], Awaitable[Mapping[str, int]]]


async def run_job(
    name: str, work: Work, *, sessionmaker: async_sessionmaker[AsyncSession], clock: Clock
) -> Mapping[str, int] | None:
    """Run `work` once in its own session; returns its counts, or None when it failed."""
    started = time.perf_counter()
    line: dict[str, object] = {"event": "job", "job": name}
    counts: Mapping[str, int] | None = None
    async with sessionmaker() as session:
        try:
            counts = await work(session, clock.now())
            await session.commit()
        except Exception as exc:
            await session.rollback()
            line.update(ok=False, error=f"{type(exc).__name__}: {exc}"[:300])
            log.error(_render(line, started))
            log.debug("job %s failed", name, exc_info=True)
            return None
    line.update(ok=True, **dict(counts))
    did_something = any(counts.values())
    log.log(logging.INFO if did_something else logging.DEBUG, _render(line, started))
    return counts


def _render(line: dict[str, object], started: float) -> str:
    line["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return json.dumps(line, default=str)
