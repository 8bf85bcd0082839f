"""Draining the outbox: claim a little at a time, take each message's turn at the moment of
sending, send, and write Telegram's answer back at once.

One loop per process claims (about a second of sending, `claim_ahead`) and takes turns, one
message at a time, in the last-look transaction (models/outbox/last_look.py); the sends run
side by side (`concurrency`), each answer recorded in its own short transaction, retried if
the database connection was lost. A second task renews the leases of everything held, so a
lease can be short (6 s) and a crashed process's rows come back within seconds.

Stopping (SIGTERM): nothing more is claimed or started, the sends in flight finish (or are
abandoned after the grace the service allows), and every row not sent is given back at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import os
import socket
import time
import uuid
from collections import Counter, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models.core.clock import Clock, SystemClock
from models.outbox.claiming import claim_due_messages, count_waiting, release_unsent
from models.outbox.delivery import RetryPolicy
from models.outbox.last_look import HOLD_FOR_SLOT, Dropped, Go, Verdict, last_look
from models.outbox.message import OutboundMessage
from models.outbox.pace import Pace, Wait, ensure_slots
from scheduler.outbox_leases import DB_ERRORS, Holdings, database_trouble, event_line
from scheduler.outbox_sends import Sends
from scheduler.sender import Sender

log = logging.getLogger("kith.scheduler")
T = TypeVar("T")
# With nothing claimable but messages due soon (a chat's turn, a pause), look again this
# often, for this long, before the drain ends (the next tick starts another).
POLL = 0.1
IDLE_FOR = 1.5


@dataclass(frozen=True)
class OutboxSettings:
    per_second: float = 30.0
    per_chat_per_second: float = 1.0
    lease: timedelta = timedelta(seconds=6)
    # Sends in flight at once: what keeps the rate up when Telegram answers slowly.
    concurrency: int = 16
    # A claim takes about this many seconds of sending, never more than a lease's worth.
    claim_ahead: float = 1.0
    drain_for: timedelta = timedelta(seconds=55)
    retry: RetryPolicy = field(default_factory=RetryPolicy)

    @property
    def pace(self) -> Pace:
        return Pace(per_second=self.per_second, per_chat_per_second=self.per_chat_per_second)

    @property
    def batch(self) -> int:
        ahead = min(self.claim_ahead, self.lease.total_seconds() / 2)
        return max(1, math.ceil(self.per_second * ahead))


class Dispatcher:
    """One per scheduler process; `worker` names it in the rows it leases."""

    def __init__(
        self,
        *,
        sessionmaker: async_sessionmaker[AsyncSession],
        sender: Sender,
        clock: Clock,
        worker: str,
        settings: OutboxSettings,
        wall: Clock | None = None,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._clock = clock
        self._wall = wall or SystemClock()
        self.worker = worker
        self.settings = settings
        self._stopping = asyncio.Event()
        self._held = Holdings(
            sessionmaker=sessionmaker, clock=clock, worker=worker, lease=settings.lease
        )
        self._sends = Sends(
            sessionmaker=sessionmaker,
            sender=sender,
            clock=clock,
            wall=self._wall,
            worker=worker,
            retry=settings.retry,
            concurrency=settings.concurrency,
        )
        self._queue: deque[OutboundMessage] = deque()
        self._later: list[tuple[float, OutboundMessage]] = []  # chat busy: (when, message)

    def stop_claiming(self) -> None:
        """Claim and start nothing more; the sends in flight finish, the rest is given back."""
        self._stopping.set()

    def abandon_sends(self) -> None:
        """Stop waiting for Telegram's answers (the grace is over): those sends are uncertain."""
        self._sends.abandon()

    async def give_back_everything(self) -> int:
        """The last thing `stop` does: every pending row this process still leases goes back
        (whatever a drain cut off by the grace did not get to give back itself)."""
        try:
            async with self._sessionmaker.begin() as session:
                return await release_unsent(session=session, worker=self.worker)
        except DB_ERRORS as exc:
            database_trouble("give_back", exc)
            return 0

    async def drain(self, *, session: AsyncSession, now: object = None) -> Counter[str]:
        """Send what is due until nothing is, `drain_for` has passed, or stopping; counts."""
        counts: Counter[str] = Counter()
        if self._stopping.is_set():
            return counts
        renewer = asyncio.create_task(self._held.keep_renewed(counts))
        try:
            await self._run(counts)
        finally:
            await self._sends.finish()
            renewer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewer
            self._queue.clear()
            self._later.clear()
            await self._held.give_back(counts)
        return counts

    async def _nap(self, seconds: float) -> None:
        """Sleep, but wake at once when stopping."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), timeout=max(seconds, 0.0))

    async def _run(self, counts: Counter[str]) -> None:
        settings = self.settings
        stop_at = time.monotonic() + settings.drain_for.total_seconds()
        last_claim, idle_since = 0.0, time.monotonic()
        await self._safely(self._ensure_slots)
        while not self._stopping.is_set() and time.monotonic() < stop_at:
            self._bring_back_later()
            if len(self._queue) <= settings.batch // 2 and time.monotonic() - last_claim > POLL:
                last_claim = time.monotonic()
                self._queue.extend(await self._claim(settings.batch - len(self._queue), counts))
            if not self._queue:
                if self._sends or self._later:
                    await self._nap(POLL / 2)
                    continue
                idle = time.monotonic() - idle_since
                if idle > IDLE_FOR or not await self._safely(self._anything_waiting, True):
                    return
                await self._nap(POLL)
                continue
            idle_since = time.monotonic()
            message = self._queue.popleft()
            if message.id not in self._held:
                continue  # no longer ours (renewal found it answered or cancelled)
            await self._sends.room.acquire()
            if self._stopping.is_set():
                self._sends.room.release()
                break
            verdict = await self._look(message)
            if isinstance(verdict, Go):
                self._sends.start(
                    message, turn=verdict.turn, held=self._held, counts=counts, again=self._again
                )
                continue
            self._sends.room.release()
            if isinstance(verdict, Dropped):
                self._held.drop(message.id)
                counts[verdict.label] += 1
            elif verdict.why == "chat":
                self._later.append((time.monotonic() + verdict.seconds, message))
            else:
                self._queue.appendleft(message)
                # Back a moment before the slot frees: the last look waits out the rest.
                early = HOLD_FOR_SLOT / 2 if verdict.why == "slots" else 0.0
                await self._nap(verdict.seconds - early)

    def _again(self, message: OutboundMessage) -> None:
        self._queue.appendleft(message)

    def _bring_back_later(self) -> None:
        now = time.monotonic()
        ready = [m for at, m in self._later if at <= now]
        self._later = [(at, m) for at, m in self._later if at > now]
        self._queue.extendleft(reversed(ready))

    async def _safely(self, work: Callable[[], Awaitable[T]], default: T | None = None) -> T | None:
        try:
            return await work()
        except DB_ERRORS as exc:
            database_trouble("check", exc)
            await self._nap(POLL * 2)
            return default

    async def _ensure_slots(self) -> None:
        async with self._sessionmaker.begin() as session:
            await ensure_slots(session=session, pace=self.settings.pace)

    async def _anything_waiting(self) -> bool:
        async with self._sessionmaker() as session:
            return await count_waiting(session=session, now=self._clock.now()) > 0

    async def _claim(self, limit: int, counts: Counter[str]) -> list[OutboundMessage]:
        try:
            async with self._sessionmaker.begin() as session:
                claim = await claim_due_messages(
                    session=session,
                    now=self._clock.now(),
                    wall=self._wall.now().timestamp(),
                    worker=self.worker,
                    limit=limit,
                    lease=self.settings.lease,
                )
        except DB_ERRORS as exc:
            counts["database_errors"] += 1
            database_trouble("claim", exc)
            await self._nap(POLL * 2)
            return []
        for message in claim.uncertain:
            counts["uncertain"] += 1
            log.warning(
                event_line(
                    "uncertain_send",
                    message=message.id,
                    kind=message.kind,
                    attempts=message.attempts,
                    why="its sender stopped before Telegram answered; sending again",
                )
            )
        self._held.hold(claim.messages)
        if claim.messages:
            counts["claimed"] += len(claim.messages)
        return claim.messages

    async def _look(self, message: OutboundMessage) -> Verdict:
        try:
            async with self._sessionmaker() as session:
                verdict = await last_look(
                    session=session,
                    now=self._clock.now(),
                    wall=lambda: self._wall.now().timestamp(),
                    message=message,
                    worker=self.worker,
                    pace=self.settings.pace,
                    lease=self.settings.lease,
                )
                if isinstance(verdict, Wait):
                    await session.rollback()
                else:
                    await session.commit()
                return verdict
        except DB_ERRORS as exc:
            database_trouble("last_look", exc)
            return Wait(POLL * 2, "database")


def worker_name() -> str:
    """Unique per process start, readable in `leased_by`: host, pid, and a random tail."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
