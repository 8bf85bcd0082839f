"""Sam's reminders go out once each, on their local day and hour, and never flood."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.core.clock import ManualClock
from models.core.enums import ConnectionStatus, NamedBy, Repeat
from models.network.connection import Connection
from models.reminders.birthdays import set_birthday_reminders
from models.reminders.due import send_due_reminders
from models.reminders.own import set_reminder
from models.reminders.reminder import Reminder
from tests.support.people import someone
from tests.support.scheduler_world import World, build_world, outbox

GRACE = timedelta(hours=6)


async def _run_until(session: AsyncSession, clock: ManualClock, end: datetime) -> None:
    """Wake a minute after each next due moment, as the minute-by-minute job would."""
    while True:
        due = await session.scalar(select(func.min(Reminder.next_at)).where(Reminder.active))
        if due is None or due > end:
            return
        clock.set(max(due, clock.now()) + timedelta(minutes=1))
        await send_due_reminders(session=session, now=clock.now(), grace=GRACE)


async def test_a_weekly_5pm_reminder_stays_at_5pm_across_both_clock_changes(
    session: AsyncSession,
) -> None:
    clock = ManualClock(datetime(2026, 10, 1, 12, 0, tzinfo=UTC))
    world = await build_world(session, clock.now())
    reminder = await set_reminder(
        session=session,
        now=clock.now(),
        young_person=world.sam,
        what="Call Nan",
        day=date(2026, 10, 4),
        at=time(17, 0),
        repeat=Repeat.weekly,
    )
    assert reminder.next_at == datetime(2026, 10, 4, 16, 0, tzinfo=UTC)  # 17:00 BST
    # Clocks go back on 25 Oct 2026 and forward on 28 Mar 2027.
    await _run_until(session, clock, datetime(2027, 4, 12, tzinfo=UTC))
    sent = await outbox(session, kind="reminder_own")
    assert len(sent) == 28
    local_hours = {m.due_at.astimezone(_london()).hour for m in sent}
    assert local_hours == {17}
    assert {m.due_at.astimezone(_london()).weekday() for m in sent} == {6}
    assert len({m.dedupe_key for m in sent}) == 28


def _london():  # type: ignore[no-untyped-def]
    from zoneinfo import ZoneInfo

    return ZoneInfo("Europe/London")


async def test_a_monthly_reminder_on_the_31st_falls_on_the_last_day_of_short_months(
    session: AsyncSession,
) -> None:
    clock = ManualClock(datetime(2027, 1, 1, tzinfo=UTC))
    world = await build_world(session, clock.now())
    await set_reminder(
        session=session,
        now=clock.now(),
        young_person=world.sam,
        what="Top up phone",
        day=date(2027, 1, 31),
        at=time(10, 0),
        repeat=Repeat.monthly,
    )
    await _run_until(session, clock, datetime(2027, 5, 2, tzinfo=UTC))
    days = [m.due_at.astimezone(_london()).date() for m in await outbox(session)]
    assert days == [date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30)]


async def test_a_one_off_reminder_goes_once(session: AsyncSession, clock: ManualClock) -> None:
    world = await build_world(session, clock.now())
    reminder = await set_reminder(
        session=session,
        now=clock.now(),
        young_person=world.sam,
        what="Dentist",
        day=date(2026, 3, 4),
        at=time(9, 30),
        repeat=Repeat.once,
    )
    await _run_until(session, clock, datetime(2026, 3, 10, tzinfo=UTC))
    assert len(await outbox(session)) == 1
    assert reminder.active is False and reminder.next_at is None


async def test_reminders_missed_in_a_long_outage_are_skipped_not_piled_up(
    session: AsyncSession, clock: ManualClock
) -> None:
    world = await build_world(session, clock.now())
    await set_reminder(
        session=session,
        now=clock.now(),
        young_person=world.sam,
        what="Call Nan",
        day=date(2026, 3, 3),
        at=time(17, 0),
        repeat=Repeat.weekly,
    )
    clock.set(datetime(2026, 4, 1, 12, 0, tzinfo=UTC))
    counts = await send_due_reminders(session=session, now=clock.now(), grace=GRACE)
    assert (counts.sent, counts.skipped) == (0, 1)
    clock.set(datetime(2026, 4, 7, 16, 0, tzinfo=UTC))  # the next Tuesday, 17:00 BST
    assert (await send_due_reminders(session=session, now=clock.now(), grace=GRACE)).sent == 1


async def _nan(session: AsyncSession, world: World, now: datetime, **how: Any) -> Connection:
    return await someone(session, now, world.sam, birthday=date(1950, 6, 12), **how)


async def test_birthday_reminders_come_three_days_before_and_on_the_day_every_year(
    session: AsyncSession, clock: ManualClock
) -> None:
    world = await build_world(session, clock.now())
    await _nan(
        session,
        world,
        clock.now(),
        named_by=NamedBy.young_person,
        status=ConnectionStatus.named,
    )
    await set_birthday_reminders(session=session, now=clock.now(), young_person=world.sam, on=True)
    await _run_until(session, clock, datetime(2027, 6, 13, tzinfo=UTC))
    sent = await outbox(session)
    assert [m.due_at.astimezone(_london()).date() for m in sent] == [
        date(2026, 6, 9),
        date(2026, 6, 12),
        date(2027, 6, 9),
        date(2027, 6, 12),
    ]
    assert {m.due_at.astimezone(_london()).hour for m in sent} == {10}
    assert [m.body for m in sent] == [
        "🎂 Nan's birthday is in 3 days.",
        "🎂 Today is Nan's birthday.",
    ] * 2


async def test_found_is_not_shown_no_birthday_reminder_for_someone_sam_did_not_name(
    session: AsyncSession, clock: ManualClock
) -> None:
    world = await build_world(session, clock.now())
    await _nan(
        session,
        world,
        clock.now(),
        named_by=NamedBy.coordinator,
        status=ConnectionStatus.located,
    )
    made = await set_birthday_reminders(
        session=session, now=clock.now(), young_person=world.sam, on=True
    )
    assert made == []


async def test_a_birthday_reminder_stops_once_that_person_is_marked_unsafe(
    session: AsyncSession, clock: ManualClock
) -> None:
    world = await build_world(session, clock.now())
    nan = await _nan(
        session,
        world,
        clock.now(),
        named_by=NamedBy.young_person,
        status=ConnectionStatus.named,
    )
    made = await set_birthday_reminders(
        session=session, now=clock.now(), young_person=world.sam, on=True
    )
    nan.status = ConnectionStatus.unsafe
    await _run_until(session, clock, datetime(2026, 6, 13, tzinfo=UTC))
    assert await outbox(session) == []
    assert [reminder.active for reminder in made] == [False, False]
