"""The last check before a message leaves: /pause holds back all but what Sam asked for, and
withdrawing her consent to messages stops them."""

from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from models.core.clock import ManualClock
from models.core.enums import ConsentGivenBy, ConsentKind, OutboxState, Repeat
from models.outbox.claiming import claim_due_messages
from models.outbox.reachability import ready_to_send, why_not_message
from models.outbox.sending import enqueue_message
from models.reminders.due import send_due_reminders
from models.reminders.own import set_reminder
from models.young_people.consent import record_consent, withdraw_consent
from models.young_people.controls import pause_checkins
from tests.support.scheduler_world import World, build_world, outbox

LEASE = timedelta(seconds=60)


async def _queue(session: AsyncSession, clock: ManualClock, world: World, kind: str) -> None:
    assert world.sam.telegram_chat_id is not None
    await enqueue_message(
        session=session,
        organisation_id=world.org.id,
        chat_id=world.sam.telegram_chat_id,
        young_person_id=world.sam.id,
        kind=kind,
        body=kind,
        now=clock.now(),
    )


async def _what_goes(session: AsyncSession, clock: ManualClock) -> list[str]:
    """Every kind that would go now: each chat's first message is claimed, looked at, and
    (if it may go) treated as sent, so the chat's next one comes up."""
    going: list[str] = []
    while claim := await claim_due_messages(
        session=session, now=clock.now(), worker="w", limit=10, lease=LEASE
    ):
        ready = await ready_to_send(
            session=session, now=clock.now(), messages=claim.messages, worker="w"
        )
        for message in ready:
            message.state = OutboxState.sent
            going.append(message.kind)
        await session.flush()
    return sorted(going)


async def test_while_paused_sams_own_reminders_still_come_and_check_ins_wait(
    session: AsyncSession, clock: ManualClock
) -> None:
    world = await build_world(session, clock.now())  # Monday 2 March 2026, 10:00 UTC
    await set_reminder(
        session=session,
        now=clock.now(),
        young_person=world.sam,
        what="Call Nan",
        day=date(2026, 3, 3),
        at=time(17, 0),
        repeat=Repeat.once,
    )
    pause_checkins(now=clock.now(), young_person=world.sam, weeks=2)
    clock.set(clock.now() + timedelta(days=1, hours=7, minutes=1))
    counts = await send_due_reminders(session=session, now=clock.now(), grace=timedelta(hours=6))
    assert counts.sent == 1, "/pause promised: reminders you set still come"
    await _queue(session, clock, world, "checkin_reminder")
    await _queue(session, clock, world, "reminder_meeting")
    assert await _what_goes(session, clock) == ["reminder_own"]
    assert {m.kind: m.state for m in await outbox(session)} == {
        "reminder_own": OutboxState.sent,
        "checkin_reminder": OutboxState.cancelled,
        "reminder_meeting": OutboxState.cancelled,
    }


async def test_once_sam_withdraws_her_consent_to_messages_nothing_more_is_sent(
    session: AsyncSession, clock: ManualClock
) -> None:
    world = await build_world(session, clock.now())
    consent = await record_consent(
        session=session,
        now=clock.now(),
        young_person=world.sam,
        kind=ConsentKind.bot_messages,
        given_by=ConsentGivenBy.young_person,
    )
    await _queue(session, clock, world, "checkin")
    assert (
        await why_not_message(session=session, person=world.sam, now=clock.now(), kind="x") is None
    )
    withdraw_consent(consent=consent, now=clock.now(), reason="Sam asked for no more messages")
    await session.flush()
    assert await _what_goes(session, clock) == []
    [message] = await outbox(session)
    assert message.state == OutboxState.cancelled
    assert (
        await why_not_message(
            session=session, person=world.sam, now=clock.now(), kind="reminder_own"
        )
        == "consent to messages withdrawn"
    )
    await record_consent(
        session=session,
        now=clock.now(),
        young_person=world.sam,
        kind=ConsentKind.bot_messages,
        given_by=ConsentGivenBy.young_person,
    )
    assert (
        await why_not_message(session=session, person=world.sam, now=clock.now(), kind="x") is None
    )
