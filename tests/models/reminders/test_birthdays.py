"""Sam turns birthday reminders on: three days before each birthday she knows, and on the day."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Reminder
from models.core.clock import ManualClock
from models.core.enums import Closeness, ReminderKind
from models.network.people import PersonDetails, name_person
from models.reminders.birthdays import days_to_birthday, set_birthday_reminders
from tests.support.scheduler_world import build_world


async def test_birthday_reminders_three_days_ahead_and_on_the_day(
    session: AsyncSession, clock: ManualClock
) -> None:
    world = await build_world(session, clock.now())
    await name_person(
        session=session,
        now=clock.now(),
        young_person=world.sam,
        details=PersonDetails(
            "Nan", "grandparent", True, False, Closeness.inner, date(1950, 3, 20), False
        ),
    )
    made = await set_birthday_reminders(
        session=session, now=clock.now(), young_person=world.sam, on=True
    )
    assert sorted(r.next_at.date() for r in made if r.next_at) == [
        date(2026, 3, 17),
        date(2026, 3, 20),
    ]
    await set_birthday_reminders(session=session, now=clock.now(), young_person=world.sam, on=False)
    rows = await session.scalars(select(Reminder).where(Reminder.kind == ReminderKind.birthday))
    assert list(rows) == []


def test_a_29_february_birthday_is_on_the_28th_in_other_years() -> None:
    leap_day = date(2008, 2, 29)
    assert days_to_birthday(leap_day, date(2027, 2, 28)) == 0
    assert days_to_birthday(leap_day, date(2028, 2, 26)) == 3
    assert days_to_birthday(leap_day, date(2027, 3, 1)) == 365
