"""The outbox rows one scheduler process holds: their leases renewed while it lives, and all
of them given back at once when it stops, so a lease can be short (6 s) and nothing waits
on a process that is gone or going."""

from __future__ import annotations

import asyncio
import json
import logging
from collections import Counter
from datetime import timedelta

from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models.core.clock import Clock
from models.outbox.claiming import release_unsent, renew_leases
from models.outbox.message import OutboundMessage

log = logging.getLogger("kith.scheduler")

# What a lost or restarted database looks like from here: the statement fails, the pool
# replaces the connection, and the next try works.
DB_ERRORS = (DBAPIError, OSError)


def event_line(event: str, **fields: object) -> str:
    """One JSON log line, like the job wrapper's (scheduler/jobs.py)."""
    return json.dumps({"event": event, **fields}, default=str)


def database_trouble(during: str, exc: BaseException) -> None:
    log.warning(event_line("outbox_database_error", during=during, error=type(exc).__name__))


class Holdings:
    """Claimed rows not yet answered, by id."""

    def __init__(
        self,
        *,
        sessionmaker: async_sessionmaker[AsyncSession],
        clock: Clock,
        worker: str,
        lease: timedelta,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._clock = clock
        self._worker = worker
        self._lease = lease
        self.rows: dict[int, OutboundMessage] = {}

    def __contains__(self, message_id: int) -> bool:
        return message_id in self.rows

    def hold(self, messages: list[OutboundMessage]) -> None:
        self.rows.update((m.id, m) for m in messages)

    def drop(self, message_id: int) -> None:
        self.rows.pop(message_id, None)

    async def keep_renewed(self, counts: Counter[str]) -> None:
        """Renew every held lease a third of a lease apart, until cancelled."""
        every = self._lease.total_seconds() / 3
        while True:
            await asyncio.sleep(every)
            ids = list(self.rows)
            if not ids:
                continue
            try:
                async with self._sessionmaker.begin() as session:
                    still = await renew_leases(
                        session=session,
                        now=self._clock.now(),
                        worker=self._worker,
                        ids=ids,
                        lease=self._lease,
                    )
            except DB_ERRORS as exc:
                database_trouble("renew", exc)
                await asyncio.sleep(0.2)
                continue
            for gone in set(ids) - still:
                # Answered meanwhile, or cancelled (a 403 for the chat): not ours to send.
                if self.rows.pop(gone, None) is not None:
                    counts["lease_lost"] += 1

    async def give_back(self, counts: Counter[str]) -> None:
        """Every row held but not answered goes back, claimable at once by any sender (one
        abandoned mid-send keeps its mark: the next holder counts it as uncertain)."""
        ids = list(self.rows)
        self.rows.clear()
        for attempt in range(3):
            try:
                async with self._sessionmaker.begin() as session:
                    released = await release_unsent(session=session, worker=self._worker, ids=ids)
                if released:
                    counts["released"] += released
                return
            except DB_ERRORS as exc:
                database_trouble("give_back", exc)
                await asyncio.sleep(0.1 * (attempt + 1))
