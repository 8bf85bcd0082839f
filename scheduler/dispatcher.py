"""Draining the outbox: claim due rows with a lease, pace them, send, record each answer.

Each message is written back in its own short transaction right after Telegram answers, so a
crash loses at most the answers of the messages in flight (at most `concurrency`): those rows
are claimed again once their lease ends and sent again — the only way a duplicate can happen.
Pace comes from the shared send budget in the database (`models.outbox.pace`), in wall-clock time,
so it holds across every scheduler process and the bot's own replies.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import socket
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models.core.clock import Clock, SystemClock
from models.outbox.claiming import claim_due_messages
from models.outbox.delivery import RetryPolicy, record_outcome, release
from models.outbox.message import OutboundMessage
from models.outbox.pace import take_overall_slot, take_slots
from models.outbox.reachability import ready_to_send
from scheduler.sender import Sender


@dataclass(frozen=True)
class OutboxSettings:
    per_second: float = 30.0
    per_chat_per_second: float = 1.0
    lease: timedelta = timedelta(seconds=60)
    concurrency: int = 32
    drain_for: timedelta = timedelta(seconds=55)
    # Overall slots unused in the last half second may still be taken (see models.outbox.pace).
    catch_up: timedelta = timedelta(seconds=0.5)
    retry: RetryPolicy = field(default_factory=RetryPolicy)

    @property
    def batch(self) -> int:
        return max(int(self.per_second * 2), self.concurrency)


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
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._sender = sender
        self._clock = clock
        self._wall = wall or SystemClock()
        self._sleep = sleep
        self.worker = worker
        self.settings = settings
        self._stopping = asyncio.Event()
        self._in_flight: set[int] = set()

    def stop_claiming(self) -> None:
        """Claim nothing more; what is already claimed is still sent and recorded."""
        self._stopping.set()

    async def drain(self, *, session: AsyncSession, now: datetime) -> Counter[str]:
        """Send what is due until nothing is, or `drain_for` has passed; counts by outcome.

        Claiming and sending overlap: the next batch is claimed while the last is still
        going out, so the send budget never sits idle between batches.
        """
        counts: Counter[str] = Counter()
        queue: asyncio.Queue[OutboundMessage | None] = asyncio.Queue()
        senders = [
            asyncio.create_task(self._sender_loop(queue, counts))
            for _ in range(self.settings.concurrency)
        ]
        try:
            await self._claim_loop(session, queue, counts)
        finally:
            for _ in senders:
                queue.put_nowait(None)
            await asyncio.gather(*senders)
        return counts

    async def _claim_loop(
        self,
        session: AsyncSession,
        queue: asyncio.Queue[OutboundMessage | None],
        counts: Counter[str],
    ) -> None:
        stop_at = time.monotonic() + self.settings.drain_for.total_seconds()
        while time.monotonic() < stop_at and not self._stopping.is_set():
            if queue.qsize() > self.settings.batch // 2:
                await asyncio.sleep(0.05)
                continue
            now = self._clock.now()
            claimed = await claim_due_messages(
                session=session,
                now=now,
                worker=self.worker,
                limit=self.settings.batch,
                lease=self.settings.lease,
            )
            if not claimed:
                # End the (empty) claim's transaction now: on SQLite it holds the one write
                # lock, which the senders still finishing need for their answers.
                await session.commit()
                return
            ready = await ready_to_send(
                session=session, now=now, messages=claimed, worker=self.worker
            )
            await session.commit()
            counts["claimed"] += len(claimed)
            counts["held_or_cancelled"] += len(claimed) - len(ready)
            for message in ready:
                if message.id in self._in_flight:
                    # Its lease ran out while it waited here, and we claimed it again.
                    counts["already_queued"] += 1
                    continue
                self._in_flight.add(message.id)
                queue.put_nowait(message)

    async def _sender_loop(
        self, queue: asyncio.Queue[OutboundMessage | None], counts: Counter[str]
    ) -> None:
        while (message := await queue.get()) is not None:
            try:
                counts[await self._deliver(message)] += 1
            finally:
                self._in_flight.discard(message.id)

    def _lease_left(self, message: OutboundMessage) -> bool:
        """Send only while our lease has a safe margin left: once it runs out, another sender
        (or our own next claim) may take the row, and sending it here too would double it."""
        if message.lease_until is None:
            return False
        return message.lease_until - self._clock.now() > self.settings.lease / 4

    async def _wait_for(self, slot: datetime) -> None:
        delay = (slot - self._wall.now()).total_seconds()
        if delay > 0:
            await self._sleep(delay)

    async def _deliver(self, message: OutboundMessage) -> str:
        settings = self.settings
        if not self._lease_left(message):
            return "lease_ran_out"
        async with self._sessionmaker.begin() as session:
            chat_slot, slot = await take_slots(
                session=session,
                now=self._wall.now(),
                chat_id=message.chat_id,
                per_chat_per_second=settings.per_chat_per_second,
                per_second=settings.per_second,
                catch_up=settings.catch_up.total_seconds(),
            )
        if slot is None:
            wait = chat_slot - self._wall.now()
            if wait > settings.lease / 2:
                # This chat has a queue: give the row back for later, not sit on the lease.
                async with self._sessionmaker.begin() as session:
                    await release(
                        session=session,
                        message=message,
                        worker=self.worker,
                        due_at=self._clock.now() + wait,
                        note="waiting for this chat's turn",
                    )
                return "chat_busy"
            await self._wait_for(chat_slot)
            async with self._sessionmaker.begin() as session:
                slot = await take_overall_slot(
                    session=session,
                    now=self._wall.now(),
                    per_second=settings.per_second,
                    catch_up=settings.catch_up.total_seconds(),
                )
        await self._wait_for(slot)
        if not self._lease_left(message):
            return "lease_ran_out"
        markup = json.loads(message.reply_markup) if message.reply_markup else None
        outcome = await self._sender.send(
            chat_id=message.chat_id, text=message.body, reply_markup=markup
        )
        async with self._sessionmaker.begin() as session:
            return await record_outcome(
                session=session,
                now=self._clock.now(),
                message=message,
                worker=self.worker,
                outcome=outcome,
                policy=self.settings.retry,
                jitter=random.uniform(0.5, 1.0),
            )


def worker_name() -> str:
    """Unique per process start, readable in `leased_by`: host, pid, and a random tail."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
