"""What each answer from Telegram does to a message, and the checks just before sending."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Nudge, SendPace
from models.core.clock import ManualClock
from models.core.enums import NudgeKind, OutboxState
from models.outbox.claiming import claim_due_messages
from models.outbox.delivery import (
    Blocked,
    Delivered,
    RateLimited,
    Refused,
    RetryPolicy,
    TryAgain,
    record_outcome,
)
from models.outbox.last_look import Dropped, last_look
from models.outbox.message import OutboundMessage
from models.outbox.pace import Pace
from models.outbox.sending import enqueue_message
from tests.support.scheduler_world import World, build_world, outbox, start_sending

POLICY = RetryPolicy(max_attempts=3, base=timedelta(seconds=10), cap=timedelta(minutes=5))


async def _claimed_message_to_sam(
    session: AsyncSession, clock: ManualClock, *, sending: bool = True
) -> tuple[World, OutboundMessage]:
    world = await build_world(session, clock.now())
    assert world.sam.telegram_chat_id is not None
    await enqueue_message(
        session=session,
        organisation_id=world.org.id,
        chat_id=world.sam.telegram_chat_id,
        young_person_id=world.sam.id,
        kind="checkin",
        body="Hi Sam",
        now=clock.now(),
    )
    [message] = (
        await claim_due_messages(
            session=session, now=clock.now(), worker="w", limit=5, lease=timedelta(minutes=1)
        )
    ).messages
    if sending:
        await start_sending(session, clock.now(), message)
    return world, message


async def _answer(
    session: AsyncSession, clock: ManualClock, message: OutboundMessage, outcome: object
) -> str:
    return await record_outcome(
        session=session,
        now=clock.now(),
        message=message,
        worker="w",
        outcome=outcome,
        policy=POLICY,
        jitter=1.0,  # type: ignore[arg-type]
    )


async def test_a_delivered_message_is_sent_with_telegrams_id(
    session: AsyncSession, clock: ManualClock
) -> None:
    _, message = await _claimed_message_to_sam(session, clock)
    assert await _answer(session, clock, message, Delivered(telegram_message_id=42)) == "sent"
    [row] = await outbox(session)
    assert (row.state, row.telegram_message_id, row.sent_at) == (
        OutboxState.sent,
        42,
        clock.now(),
    )


async def test_a_429_waits_retry_after_and_holds_every_sender_back(
    session: AsyncSession, clock: ManualClock
) -> None:
    _, message = await _claimed_message_to_sam(session, clock)
    assert await _answer(session, clock, message, RateLimited(retry_after=7)) == "rate_limited"
    [row] = await outbox(session)
    assert (row.state, row.leased_by, row.sending_at) == (OutboxState.pending, "w", None)
    assert row.attempts == 0, "a 429 is Telegram's pace, not the message's fault"
    pause = await session.scalar(select(SendPace.next_at).where(SendPace.scope == "pause"))
    assert pause is not None and pause >= clock.now().timestamp() + 7


async def test_server_errors_back_off_then_give_up_and_nudge(
    session: AsyncSession, clock: ManualClock
) -> None:
    _, message = await _claimed_message_to_sam(session, clock)
    assert await _answer(session, clock, message, TryAgain("Bad Gateway")) == "retry"
    [row] = await outbox(session)
    assert row.state == OutboxState.pending and row.due_at == clock.now() + timedelta(seconds=10)
    labels = []
    for _ in range(2):
        clock.advance(timedelta(minutes=10))
        [message] = (
            await claim_due_messages(
                session=session, now=clock.now(), worker="w", limit=5, lease=timedelta(minutes=1)
            )
        ).messages
        await start_sending(session, clock.now(), message)
        labels.append(await _answer(session, clock, message, TryAgain("Bad Gateway")))
    assert labels == ["retry", "gave_up"]
    [row] = await outbox(session, kind="checkin")
    assert row.state == OutboxState.failed and "Bad Gateway" in (row.error or "")
    nudge = await session.scalar(select(Nudge).where(Nudge.kind == NudgeKind.delivery_failed))
    assert nudge is not None


async def test_a_400_fails_at_once_with_telegrams_reason(
    session: AsyncSession, clock: ManualClock
) -> None:
    _, message = await _claimed_message_to_sam(session, clock)
    reason = "Bad Request: can't parse entities"
    assert await _answer(session, clock, message, Refused(reason)) == "refused"
    [row] = await outbox(session)
    assert row.state == OutboxState.failed and row.error == reason


async def test_a_403_makes_sam_unreachable_stops_her_messages_and_tells_her_coordinator(
    session: AsyncSession, clock: ManualClock
) -> None:
    world, message = await _claimed_message_to_sam(session, clock)
    assert world.sam.telegram_chat_id is not None
    await enqueue_message(
        session=session,
        organisation_id=world.org.id,
        chat_id=world.sam.telegram_chat_id,
        young_person_id=world.sam.id,
        kind="reminder_own",
        body="later",
        now=clock.now(),
        due_at=clock.now() + timedelta(days=1),
    )
    assert await _answer(session, clock, message, Blocked("bot was blocked by the user")) == (
        "blocked"
    )
    await session.refresh(world.sam)
    assert world.sam.unreachable_at == clock.now()
    states = [m.state for m in await outbox(session, young_person_id=world.sam.id)]
    assert states == [OutboxState.failed, OutboxState.cancelled]
    nudge = await session.scalar(select(Nudge).where(Nudge.kind == NudgeKind.unreachable))
    assert nudge is not None and nudge.coordinator_id == world.coordinator.id


async def _last_look(session: AsyncSession, now: datetime, message: OutboundMessage) -> object:
    return await last_look(
        session=session,
        now=now,
        wall=now.timestamp,
        message=message,
        worker="w",
        pace=Pace(),
        lease=timedelta(minutes=1),
    )


async def test_a_message_to_sam_after_she_said_stop_is_not_sent(
    session: AsyncSession, clock: ManualClock
) -> None:
    world, message = await _claimed_message_to_sam(session, clock, sending=False)
    world.sam.messages_stopped_at = clock.now()
    await session.flush()
    assert await _last_look(session, clock.now(), message) == Dropped("cancelled")
    [row] = await outbox(session)
    assert (row.state, row.attempts) == (OutboxState.cancelled, 0)


async def test_a_message_to_sam_while_she_paused_is_not_sent(
    session: AsyncSession, clock: ManualClock
) -> None:
    world, message = await _claimed_message_to_sam(session, clock, sending=False)
    world.sam.paused_until = clock.now() + timedelta(days=7)
    await session.flush()
    assert await _last_look(session, clock.now(), message) == Dropped("cancelled")


async def test_a_message_falling_in_quiet_hours_waits_for_the_morning(
    session: AsyncSession,
) -> None:
    night = ManualClock(datetime(2026, 7, 1, 21, 30, tzinfo=UTC))  # 22:30 BST
    _, message = await _claimed_message_to_sam(session, night, sending=False)
    assert await _last_look(session, night.now(), message) == Dropped("held_for_quiet_hours")
    [row] = await outbox(session)
    assert row.state == OutboxState.pending
    assert row.due_at == datetime(2026, 7, 2, 7, 0, tzinfo=UTC)  # 08:00 BST
    assert row.leased_by is None and row.attempts == 0
