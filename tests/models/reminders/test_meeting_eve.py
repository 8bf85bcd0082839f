"""Sam hears of her planning meeting and her family meeting the day before: at her hour,
never in quiet hours; moving the meeting moves the reminder, cancelling it stops it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from models.core.clock import ManualClock
from models.core.enums import MeetingKind
from models.meetings.arranging import cancel_meeting, reschedule_meeting, schedule_meeting
from models.outbox.claiming import claim_due_messages
from models.outbox.reachability import ready_to_send
from models.reminders.due import send_due_reminders
from tests.support.scheduler_world import World, build_world, outbox

GRACE = timedelta(hours=6)
LONDON = ZoneInfo("Europe/London")
THURSDAY_2PM = datetime(2026, 3, 12, 14, 0, tzinfo=UTC)  # GMT: 14:00 in London too


async def _sent(session: AsyncSession, clock: ManualClock, until: datetime) -> list[str]:
    while clock.now() < until:
        clock.advance(timedelta(hours=1))
        await send_due_reminders(session=session, now=clock.now(), grace=GRACE)
    return [m.body for m in await outbox(session, kind="reminder_meeting")]


async def _meeting(session: AsyncSession, clock: ManualClock, world: World, kind: MeetingKind):  # type: ignore[no-untyped-def]
    return await schedule_meeting(
        session=session,
        now=clock.now(),
        young_person=world.sam,
        kind=kind,
        scheduled_at=THURSDAY_2PM,
    )


async def test_sam_hears_of_her_planning_meeting_the_day_before_at_her_hour(
    session: AsyncSession, clock: ManualClock
) -> None:
    world = await build_world(session, clock.now())  # Monday 2 March; Sam's hour is 17:00
    await _meeting(session, clock, world, MeetingKind.planning)
    assert await _sent(session, clock, datetime(2026, 3, 13, tzinfo=UTC)) == [
        "📅 Just so you know: your planning meeting is tomorrow at 14:00. "
        "It's a chat about what you want. You can bring questions."
    ]
    [message] = await outbox(session, kind="reminder_meeting")
    assert message.due_at.astimezone(LONDON) == datetime(2026, 3, 11, 17, 0, tzinfo=LONDON)
    assert message.respects_quiet_hours


async def test_moving_the_conference_moves_the_reminder_and_cancelling_stops_it(
    session: AsyncSession, clock: ManualClock
) -> None:
    world = await build_world(session, clock.now())
    conference = await _meeting(session, clock, world, MeetingKind.conference)
    await reschedule_meeting(
        session=session,
        now=clock.now(),
        meeting=conference,
        scheduled_at=THURSDAY_2PM + timedelta(days=7, hours=1),
    )
    review = await _meeting(session, clock, world, MeetingKind.review)
    cancel_meeting(meeting=review, now=clock.now())
    bodies = await _sent(session, clock, datetime(2026, 3, 20, tzinfo=UTC))
    assert bodies == [
        "📅 Just so you know: your family meeting is tomorrow at 15:00. "
        "The people who care about you will be there."
    ]
    [message] = await outbox(session, kind="reminder_meeting")
    assert message.due_at.astimezone(LONDON).date() == datetime(2026, 3, 18).date()
    planning = await _meeting(session, clock, world, MeetingKind.planning)
    await reschedule_meeting(
        session=session,
        now=clock.now(),
        meeting=planning,
        scheduled_at=clock.now() + timedelta(days=5),
    )
    cancel_meeting(meeting=planning, now=clock.now())
    assert len(await _sent(session, clock, clock.now() + timedelta(days=6))) == 1


async def test_a_reminder_at_an_early_hour_waits_for_quiet_hours_to_end(
    session: AsyncSession, clock: ManualClock
) -> None:
    world = await build_world(session, clock.now())
    world.sam.preferred_hour = 7  # inside quiet hours (21:00-08:00)
    await _meeting(session, clock, world, MeetingKind.planning)
    await _sent(session, clock, datetime(2026, 3, 11, 7, 0, tzinfo=UTC))
    claimed = await claim_due_messages(
        session=session, now=clock.now(), worker="w", limit=5, lease=timedelta(minutes=1)
    )
    assert (
        await ready_to_send(session=session, now=clock.now(), messages=claimed.messages, worker="w")
        == []
    )
    [held] = await outbox(session, kind="reminder_meeting")
    assert held.due_at == datetime(2026, 3, 11, 8, 0, tzinfo=UTC)
