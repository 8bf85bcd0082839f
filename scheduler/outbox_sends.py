"""The sends in flight of one scheduler process, from the moment a message's turn is taken.

Before the request leaves: one more look at a 429 this process met since the send took its
turn (every process's pause was read a moment ago, in the last look). Then the request,
abandoned only when `stop` runs out of grace. Then Telegram's answer, written back at once in
its own transaction, retried if the database connection was lost (otherwise the row would
be sent again once its lease ran out).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
from collections import Counter
from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models.core.clock import Clock
from models.outbox.delivery import Outcome, RateLimited, RetryPolicy, record_outcome
from models.outbox.message import OutboundMessage
from models.outbox.pace import Turn, answered
from scheduler.outbox_leases import DB_ERRORS, Holdings, database_trouble, event_line
from scheduler.sender import Sender

log = logging.getLogger("kith.scheduler")
RECORD_TRIES = 8


class Sends:
    def __init__(
        self,
        *,
        sessionmaker: async_sessionmaker[AsyncSession],
        sender: Sender,
        clock: Clock,
        wall: Clock,
        worker: str,
        retry: RetryPolicy,
        concurrency: int,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._sender = sender
        self._clock = clock
        self._wall = wall
        self._worker = worker
        self._retry = retry
        self.room = asyncio.Semaphore(concurrency)
        self._tasks: set[asyncio.Task[None]] = set()
        self._abandon = asyncio.Event()
        self._paused_until = 0.0  # the end of the last 429 pause this process saw

    def __bool__(self) -> bool:
        return bool(self._tasks)

    def abandon(self) -> None:
        self._abandon.set()

    async def finish(self) -> None:
        if self._tasks:
            await asyncio.wait(set(self._tasks))

    def start(
        self,
        message: OutboundMessage,
        *,
        turn: Turn,
        held: Holdings,
        counts: Counter[str],
        again: Callable[[OutboundMessage], None],
    ) -> None:
        """Send `message` (its turn taken, `room` acquired); `again` takes it back after a 429."""
        task = asyncio.create_task(self._send(message, turn, held, counts, again))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _now_wall(self) -> float:
        return self._wall.now().timestamp()

    async def _send(
        self,
        message: OutboundMessage,
        turn: Turn,
        held: Holdings,
        counts: Counter[str],
        again: Callable[[OutboundMessage], None],
    ) -> None:
        try:
            pause = self._pause_left()
            called: Turn | None = None
            if pause > 0:
                # A 429 came in after this send took its turn: it waits like every other.
                outcome: Outcome | None = RateLimited(retry_after=pause)
            else:
                outcome = await self._call(message)
                called = turn
            if outcome is None:
                counts["abandoned"] += 1  # still marked as sending: the next holder counts it
                return
            label = await self._record(message, outcome, called, self._now_wall())
            counts[label] += 1
            if label.endswith("uncertain"):
                log.warning(
                    event_line(
                        "uncertain_send",
                        message=message.id,
                        kind=message.kind,
                        attempts=message.attempts,
                        why=getattr(outcome, "reason", ""),
                    )
                )
            if isinstance(outcome, RateLimited):
                self._paused_until = max(self._paused_until, self._now_wall() + outcome.retry_after)
                again(message)  # still ours: it goes once the pause is over
                return
            held.drop(message.id)
        except Exception:
            counts["error"] += 1
            log.exception(event_line("outbox_send_failed", message=message.id))
        finally:
            self.room.release()

    def _pause_left(self) -> float:
        """Seconds left of a 429 pause this process met after the send took its turn (one
        another process met is in the database, read in the last look a moment ago)."""
        return self._paused_until - self._now_wall()

    async def _call(self, message: OutboundMessage) -> Outcome | None:
        markup = json.loads(message.reply_markup) if message.reply_markup else None
        call = asyncio.ensure_future(
            self._sender.send(chat_id=message.chat_id, text=message.body, reply_markup=markup)
        )
        abandon = asyncio.ensure_future(self._abandon.wait())
        try:
            done, _ = await asyncio.wait({call, abandon}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            abandon.cancel()
        if call in done:
            return call.result()
        call.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await call
        return None

    async def _record(
        self, message: OutboundMessage, outcome: Outcome, turn: Turn | None, answered_at: float
    ) -> str:
        """Telegram's answer, and (when the request went) the moment its slot's next window
        starts, in one transaction."""
        for attempt in range(RECORD_TRIES):
            try:
                async with self._sessionmaker.begin() as session:
                    if turn is not None:
                        await answered(session=session, turn=turn, at=answered_at)
                    return await record_outcome(
                        session=session,
                        now=self._clock.now(),
                        wall=self._now_wall(),
                        message=message,
                        worker=self._worker,
                        outcome=outcome,
                        policy=self._retry,
                        jitter=random.uniform(0.5, 1.0),
                    )
            except DB_ERRORS as exc:
                database_trouble("record", exc)
                await asyncio.sleep(min(0.1 * 2**attempt, 1.0))
        return "unrecorded"
