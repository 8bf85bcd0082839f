"""Each way Telegram can fail, from the sandbox, and what Kith does about it: 5xx and dropped
connections retry with backoff, then give up and nudge; 400 fails with Telegram's reason; 403
makes the young person unreachable, cancels what was queued for her (never sent) and tells
the coordinator. 429s: test_rate_limits.py; slow answers: test_uncertain_sends.py."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.sandbox import people
from bot.sandbox.world import BotWorld, Person
from models import Nudge, OutboundMessage, YoungPerson
from models.core.clock import ManualClock
from models.core.enums import NudgeKind, OutboxState
from models.outbox.sending import enqueue_message
from scheduler.service import KithScheduler
from tests.chat.fixtures import SandboxServer
from tests.scheduler.sandboxed import sandboxed_scheduler
from tests.support.scheduler_world import World, build_world, outbox


async def _sam_on_telegram(
    sessionmaker: async_sessionmaker[AsyncSession], clock: ManualClock, world: BotWorld
) -> tuple[World, Person]:
    sam = world.create_user("Sam", opened=True)
    async with sessionmaker.begin() as session:
        kith = await build_world(session, clock.now(), sam_chat=sam.id)
    return kith, sam


async def _queue_to_sam(
    sessionmaker: async_sessionmaker[AsyncSession],
    clock: ManualClock,
    kith: World,
    body: str = "Fancy a quick check-in?",
) -> None:
    async with sessionmaker.begin() as session:
        assert kith.sam.telegram_chat_id is not None
        await enqueue_message(
            session=session,
            organisation_id=kith.org.id,
            chat_id=kith.sam.telegram_chat_id,
            young_person_id=kith.sam.id,
            kind="checkin",
            body=body,
            now=clock.now(),
        )


async def _rows(sessionmaker: async_sessionmaker[AsyncSession]) -> list[OutboundMessage]:
    async with sessionmaker() as session:
        return await outbox(session)


async def _drain(scheduler: KithScheduler, clock: ManualClock, rounds: int) -> list[str]:
    """Run the outbox job `rounds` times, moving the clock past any backoff in between."""
    labels: list[str] = []
    for _ in range(rounds):
        counts = await scheduler.run("outbox") or {}
        labels.extend(k for k, v in counts.items() if v and k not in ("claimed",))
        clock.advance(timedelta(minutes=10))
    return labels


async def test_server_errors_are_retried_with_backoff_until_telegram_recovers(
    sandbox_server: SandboxServer,
    bot_world: BotWorld,
    sessionmaker: async_sessionmaker[AsyncSession],
    clock: ManualClock,
) -> None:
    kith, sam = await _sam_on_telegram(sessionmaker, clock, bot_world)
    await _queue_to_sam(sessionmaker, clock, kith)
    bot_world.faults.server_errors(1, status=502, methods=["sendMessage"])
    async with sandboxed_scheduler(
        server=sandbox_server, world=bot_world, sessionmaker=sessionmaker, clock=clock
    ) as scheduler:
        first = await scheduler.run("outbox") or {}
        assert first.get("retry") == 1
        [row] = await _rows(sessionmaker)
        assert row.state == OutboxState.pending and row.due_at > clock.now(), "backing off"
        assert await scheduler.run("outbox") == {}, "not before the backoff"
        bot_world.faults.drop_connections(1, methods=["sendMessage"])
        await _drain(scheduler, clock, 3)
    [row] = await _rows(sessionmaker)
    assert (row.state, row.attempts) == (OutboxState.sent, 3)
    assert len(bot_world.bot_messages(bot_world.private_chat(sam))) == 1


async def test_telegram_down_for_good_fails_the_message_and_nudges_the_coordinator(
    sandbox_server: SandboxServer,
    bot_world: BotWorld,
    sessionmaker: async_sessionmaker[AsyncSession],
    clock: ManualClock,
) -> None:
    kith, sam = await _sam_on_telegram(sessionmaker, clock, bot_world)
    await _queue_to_sam(sessionmaker, clock, kith)
    bot_world.faults.server_errors(100, status=503, methods=["sendMessage"])
    async with sandboxed_scheduler(
        server=sandbox_server,
        world=bot_world,
        sessionmaker=sessionmaker,
        clock=clock,
        max_attempts=3,
    ) as scheduler:
        labels = await _drain(scheduler, clock, 4)
    assert labels == ["retry", "retry", "gave_up"]
    [row] = await _rows(sessionmaker)
    assert row.state == OutboxState.failed and "Service Unavailable" in (row.error or "")
    async with sessionmaker() as session:
        nudge = await session.scalar(select(Nudge).where(Nudge.kind == NudgeKind.delivery_failed))
    assert nudge is not None and nudge.coordinator_id == kith.coordinator.id
    assert bot_world.bot_messages(bot_world.private_chat(sam)) == []


async def test_server_errors_until_the_last_attempt_still_deliver_once(
    sandbox_server: SandboxServer,
    bot_world: BotWorld,
    sessionmaker: async_sessionmaker[AsyncSession],
    clock: ManualClock,
) -> None:
    kith, sam = await _sam_on_telegram(sessionmaker, clock, bot_world)
    await _queue_to_sam(sessionmaker, clock, kith)
    bot_world.faults.server_errors(2, status=500, methods=["sendMessage"])
    async with sandboxed_scheduler(
        server=sandbox_server,
        world=bot_world,
        sessionmaker=sessionmaker,
        clock=clock,
        max_attempts=3,
    ) as scheduler:
        assert await _drain(scheduler, clock, 4) == ["retry", "retry", "sent"]
    [row] = await _rows(sessionmaker)
    assert (row.state, row.attempts, row.uncertain_sends) == (OutboxState.sent, 3, 0)
    assert len(bot_world.bot_messages(bot_world.private_chat(sam))) == 1


async def test_a_400_fails_with_telegrams_reason_and_is_not_retried(
    sandbox_server: SandboxServer,
    bot_world: BotWorld,
    sessionmaker: async_sessionmaker[AsyncSession],
    clock: ManualClock,
) -> None:
    kith, _ = await _sam_on_telegram(sessionmaker, clock, bot_world)
    await _queue_to_sam(sessionmaker, clock, kith, body="x" * 4097)
    async with sandboxed_scheduler(
        server=sandbox_server, world=bot_world, sessionmaker=sessionmaker, clock=clock
    ) as scheduler:
        labels = await _drain(scheduler, clock, 3)
    assert labels == ["refused"]
    [row] = await _rows(sessionmaker)
    assert row.state == OutboxState.failed
    assert row.error is not None and "Message is too long" in row.error
    assert row.attempts == 1


async def test_sam_blocked_the_bot_so_she_is_unreachable_and_her_coordinator_is_told(
    sandbox_server: SandboxServer,
    bot_world: BotWorld,
    sessionmaker: async_sessionmaker[AsyncSession],
    clock: ManualClock,
) -> None:
    kith, sam = await _sam_on_telegram(sessionmaker, clock, bot_world)
    for body in ("Fancy a quick check-in?", "Your reminder: call Nan", "Happy birthday Jo!"):
        await _queue_to_sam(sessionmaker, clock, kith, body=body)
    people.blocks(bot_world, sam)
    bot_world.calls.start()
    async with sandboxed_scheduler(
        server=sandbox_server, world=bot_world, sessionmaker=sessionmaker, clock=clock
    ) as scheduler:
        assert await _drain(scheduler, clock, 3) == ["blocked"]
    to_sam = [c.status for c in bot_world.calls.sends() if c.chat_id == sam.id]
    assert to_sam == [403], "one try; her other messages were cancelled, never sent"
    async with sessionmaker() as session:
        nudge = await session.scalar(select(Nudge).where(Nudge.kind == NudgeKind.unreachable))
        assert nudge is not None and nudge.young_person_id == kith.sam.id
        person = await session.get_one(YoungPerson, kith.sam.id)
        assert person.unreachable_at is not None
    first, *rest = await _rows(sessionmaker)
    assert first.state == OutboxState.failed and "blocked" in (first.error or "")
    assert {r.state for r in rest} == {OutboxState.cancelled}
