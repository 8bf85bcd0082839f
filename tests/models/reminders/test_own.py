"""Sam sets her own reminders with buttons: when each comes, what she sees, and cancelling."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from models.core.clock import ManualClock
from models.core.enums import Repeat
from models.reminders.own import cancel_reminder, own_reminders, set_reminder
from models.reminders.recurrence import next_after
from models.reminders.reminder import ReminderError
from tests.support.scheduler_world import build_world


async def test_remind_me_to_message_nan_every_sunday_at_5pm(
    session: AsyncSession, clock: ManualClock
) -> None:
    world = await build_world(session, clock.now())  # Monday 2 March 2026, 10:00 UTC (GMT)
    reminder = await set_reminder(
        session=session,
        now=clock.now(),
        young_person=world.sam,
        what="Message Nan",
        day=date(2026, 3, 8),
        at=time(17, 0),
        repeat=Repeat.weekly,
    )
    assert reminder.next_at == datetime(2026, 3, 8, 17, 0, tzinfo=UTC)
    sunday = reminder.next_at
    assert next_after(reminder, sunday, sunday) == datetime(2026, 3, 15, 17, 0, tzinfo=UTC)
    # British Summer Time began on 29 March: 5pm local is 16:00 UTC.
    later = datetime(2026, 3, 22, 17, 0, tzinfo=UTC)
    assert next_after(reminder, later, later) == datetime(2026, 3, 29, 16, 0, tzinfo=UTC)
    assert [r.what for r in await own_reminders(session=session, young_person=world.sam)] == [
        "Message Nan"
    ]
    await cancel_reminder(session=session, young_person=world.sam, reminder_id=reminder.id)
    assert await own_reminders(session=session, young_person=world.sam) == []


@pytest.mark.parametrize(
    ("what", "day", "repeat"),
    [
        ("Call", date(2026, 3, 2), Repeat.once),  # 08:00 today has passed
        ("   ", date(2026, 3, 9), Repeat.once),
        ("Card", date(2026, 3, 9), Repeat.yearly),
    ],
)
async def test_a_reminder_that_cannot_be_kept_is_refused_with_a_reason(
    session: AsyncSession, clock: ManualClock, what: str, day: date, repeat: Repeat
) -> None:
    world = await build_world(session, clock.now())
    with pytest.raises(ReminderError):
        await set_reminder(
            session=session,
            now=clock.now(),
            young_person=world.sam,
            what=what,
            day=day,
            at=time(8, 0),
            repeat=repeat,
        )
