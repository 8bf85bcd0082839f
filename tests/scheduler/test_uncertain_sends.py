"""Telegram answering slowly: within the send timeout that is a slow success, sent once; past
it nobody knows whether the message arrived, so the send is named uncertain (on the row, in
the job log, in /metrics) and is the one way a young person can see a message twice."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.sandbox.world import BotWorld
from models.core.clock import ManualClock
from models.core.enums import OutboxState
from models.outbox.claiming import count_uncertain_sends
from models.outbox.sending import enqueue_message
from tests.chat.fixtures import SandboxServer
from tests.scheduler.sandboxed import sandboxed_scheduler
from tests.support.scheduler_world import build_world, outbox


async def _checkin_for_sam(
    sessionmaker: async_sessionmaker[AsyncSession], clock: ManualClock, world: BotWorld
) -> int:
    sam = world.create_user("Sam", opened=True)
    async with sessionmaker.begin() as session:
        kith = await build_world(session, clock.now(), sam_chat=sam.id)
        await enqueue_message(
            session=session,
            organisation_id=kith.org.id,
            chat_id=sam.id,
            young_person_id=kith.sam.id,
            kind="checkin",
            body="Fancy a quick check-in?",
            now=clock.now(),
        )
    return sam.id


def _copies(world: BotWorld, chat_id: int) -> int:
    return sum(1 for c in world.calls.sends(status=200) if c.chat_id == chat_id)


async def test_a_slow_answer_within_the_timeout_is_sent_once(
    sandbox_server: SandboxServer,
    bot_world: BotWorld,
    sessionmaker: async_sessionmaker[AsyncSession],
    clock: ManualClock,
) -> None:
    """The issue's case scaled down: Telegram took the message and answered after 8 s while
    Kith gave up at 5 s and sent it again. With a timeout past the slow answer: once."""
    chat = await _checkin_for_sam(sessionmaker, clock, bot_world)
    bot_world.calls.start()
    bot_world.faults.late(1.6, count=1, methods=["sendMessage"])
    async with sandboxed_scheduler(
        server=sandbox_server,
        world=bot_world,
        sessionmaker=sessionmaker,
        clock=clock,
        read_timeout=3.0,
    ) as scheduler:
        first = await scheduler.run("outbox") or {}
        clock.advance(timedelta(minutes=10))
        again = await scheduler.run("outbox") or {}
    assert first.get("sent") == 1 and not again
    [row] = await _rows(sessionmaker)
    assert (row.state, row.attempts, row.uncertain_sends) == (OutboxState.sent, 1, 0)
    assert _copies(bot_world, chat) == 1


async def test_no_answer_within_the_timeout_is_an_uncertain_send_counted_everywhere(
    sandbox_server: SandboxServer,
    bot_world: BotWorld,
    sessionmaker: async_sessionmaker[AsyncSession],
    clock: ManualClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    chat = await _checkin_for_sam(sessionmaker, clock, bot_world)
    bot_world.calls.start()
    bot_world.faults.late(1.5, count=1, methods=["sendMessage"])
    async with sandboxed_scheduler(
        server=sandbox_server,
        world=bot_world,
        sessionmaker=sessionmaker,
        clock=clock,
        read_timeout=0.5,
    ) as scheduler:
        with caplog.at_level(logging.WARNING, logger="kith.scheduler"):
            first = await scheduler.run("outbox") or {}
        assert first.get("uncertain") == 1
        [row] = await _rows(sessionmaker)
        assert row.state == OutboxState.pending and row.sending_at is None
        assert (row.attempts, row.uncertain_sends) == (1, 1)
        assert row.error is not None and row.error.startswith("uncertain: no answer within")
        assert any('"event": "uncertain_send"' in r.getMessage() for r in caplog.records)
        async with sessionmaker() as session:
            assert await count_uncertain_sends(session=session) == 1
        assert await scheduler.run("outbox") == {}, "not again before its backoff"
        assert _copies(bot_world, chat) == 1
        clock.advance(timedelta(minutes=10))
        assert (await scheduler.run("outbox") or {}).get("sent") == 1
    # Telegram had it all along: the one duplicate is on the row named uncertain.
    assert _copies(bot_world, chat) == 2
    [row] = await _rows(sessionmaker)
    assert (row.state, row.attempts, row.uncertain_sends) == (OutboxState.sent, 2, 1)


async def _rows(sessionmaker: async_sessionmaker[AsyncSession]) -> list:  # type: ignore[type-arg]
    async with sessionmaker() as session:
        return await outbox(session)
