"""Check-ins after Sam's conference: sent once when due, reminded once, then missed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Nudge
from models.checkins.checkin import CheckIn
from models.checkins.rounds import follow_up_checkins, send_due_checkins
from models.core.clock import ManualClock
from models.core.enums import CheckInState, NudgeKind
from tests.support.scheduler_world import build_world, hold_conference, outbox

GRACE = timedelta(hours=24)


async def _states(session: AsyncSession) -> list[CheckInState]:
    rows = await session.scalars(
        select(CheckIn.state).order_by(CheckIn.due_at).execution_options(populate_existing=True)
    )
    return list(rows)


async def test_the_two_week_check_in_goes_once_at_sams_hour(
    session: AsyncSession, clock: ManualClock
) -> None:
    world = await build_world(session, clock.now())
    checkins = await hold_conference(session, clock.now(), world.sam)
    first = checkins[0]
    assert first.due_at == datetime(2026, 3, 16, 17, 0, tzinfo=UTC)  # 17:00 GMT
    clock.set(first.due_at - timedelta(minutes=1))
    assert (await send_due_checkins(session=session, now=clock.now(), grace=GRACE)).sent == 0
    clock.set(first.due_at)
    assert (await send_due_checkins(session=session, now=clock.now(), grace=GRACE)).sent == 1
    assert (await send_due_checkins(session=session, now=clock.now(), grace=GRACE)).sent == 0
    [message] = await outbox(session, kind="checkin")
    assert message.chat_id == world.sam.telegram_chat_id
    assert message.dedupe_key == f"checkin:{first.id}:ask"
    assert "skip" in message.body.lower()
    assert f"ci:{first.id}:w:skip" in (message.reply_markup or "")


async def test_an_unanswered_check_in_gets_one_gentle_reminder_then_is_missed(
    session: AsyncSession, clock: ManualClock
) -> None:
    world = await build_world(session, clock.now())
    [first, *_] = await hold_conference(session, clock.now(), world.sam)
    clock.set(first.due_at)
    await send_due_checkins(session=session, now=clock.now(), grace=GRACE)
    clock.advance(timedelta(hours=47))
    assert (await follow_up_checkins(session=session, now=clock.now())).reminded == 0
    clock.advance(timedelta(hours=1))
    assert (await follow_up_checkins(session=session, now=clock.now())).reminded == 1
    clock.advance(timedelta(hours=1))
    assert (await follow_up_checkins(session=session, now=clock.now())).reminded == 0
    assert len(await outbox(session, kind="checkin_reminder")) == 1
    clock.set(first.due_at + timedelta(days=5))
    assert (await follow_up_checkins(session=session, now=clock.now())).missed == 1
    assert (await _states(session))[0] == CheckInState.missed
    nudge = await session.scalar(select(Nudge).where(Nudge.kind == NudgeKind.checkin_missed))
    assert nudge is not None and nudge.young_person_id == world.sam.id


async def test_a_check_in_that_fell_due_while_kith_was_down_goes_once_within_the_grace(
    session: AsyncSession, clock: ManualClock
) -> None:
    world = await build_world(session, clock.now())
    checkins = await hold_conference(session, clock.now(), world.sam)
    clock.set(checkins[0].due_at + timedelta(hours=3))
    counts = await send_due_checkins(session=session, now=clock.now(), grace=GRACE)
    assert (counts.sent, counts.missed) == (1, 0)


async def test_a_check_in_long_overdue_after_an_outage_is_missed_not_sent(
    session: AsyncSession, clock: ManualClock
) -> None:
    world = await build_world(session, clock.now())
    checkins = await hold_conference(session, clock.now(), world.sam)
    clock.set(checkins[1].due_at + timedelta(hours=1))  # both the 2- and 6-week are overdue
    counts = await send_due_checkins(session=session, now=clock.now(), grace=GRACE)
    assert (counts.sent, counts.missed) == (1, 1)
    assert len(await outbox(session, kind="checkin")) == 1, "never a pile of stale check-ins"
    nudges = list(await session.scalars(select(Nudge)))
    assert [n.kind for n in nudges] == [NudgeKind.checkin_missed]


async def test_no_check_ins_after_sam_said_stop(session: AsyncSession, clock: ManualClock) -> None:
    world = await build_world(session, clock.now())
    checkins = await hold_conference(session, clock.now(), world.sam)
    world.sam.messages_stopped_at = clock.now()
    clock.set(checkins[0].due_at)
    counts = await send_due_checkins(session=session, now=clock.now(), grace=GRACE)
    assert (counts.sent, counts.cancelled) == (0, 1)
    assert await outbox(session) == []


async def test_a_check_in_due_while_sam_paused_waits_for_the_pause_to_end(
    session: AsyncSession, clock: ManualClock
) -> None:
    world = await build_world(session, clock.now())
    checkins = await hold_conference(session, clock.now(), world.sam)
    world.sam.paused_until = checkins[0].due_at + timedelta(hours=2)
    clock.set(checkins[0].due_at)
    assert (await send_due_checkins(session=session, now=clock.now(), grace=GRACE)).sent == 0
    clock.advance(timedelta(hours=2))
    assert (await send_due_checkins(session=session, now=clock.now(), grace=GRACE)).sent == 1


async def test_check_ins_with_no_linked_chat_tell_the_coordinator_once(
    session: AsyncSession, clock: ManualClock
) -> None:
    world = await build_world(session, clock.now())
    world.sam.telegram_chat_id = None  # never joined the chat
    checkins = await hold_conference(session, clock.now(), world.sam)
    for checkin in checkins[:2]:
        clock.set(checkin.due_at)
        counts = await send_due_checkins(session=session, now=clock.now(), grace=GRACE)
        assert (counts.sent, counts.cancelled) == (0, 1)
    [nudge] = await session.scalars(select(Nudge))
    assert (nudge.kind, nudge.coordinator_id) == (NudgeKind.checkin_missed, world.coordinator.id)
    assert nudge.detail is not None and "no Telegram chat is linked" in nudge.detail
    assert nudge.occurrences == 2, "one nudge, not one each"
    assert await outbox(session) == []


async def test_a_stopped_young_persons_check_ins_raise_no_nudge(
    session: AsyncSession, clock: ManualClock
) -> None:
    world = await build_world(session, clock.now())
    checkins = await hold_conference(session, clock.now(), world.sam)
    world.sam.messages_stopped_at = clock.now()
    clock.set(checkins[0].due_at)
    await send_due_checkins(session=session, now=clock.now(), grace=GRACE)
    assert list(await session.scalars(select(Nudge))) == []
