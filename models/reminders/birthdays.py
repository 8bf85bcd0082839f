"""Birthday reminders, for young people who turn them on: three days before, and on the day.

Only for people the young person may see (rule 1, models.network.people): someone a
coordinator found unsafe, or who declined, gets no reminder, and one already set stops.
Each reminder's wording comes from how far its day is from the birthday, so "in 3 days",
"tomorrow" and "today" are always true, even for a birthday on 29 February.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from models.core.enums import ReminderKind, Repeat
from models.network.people import visible_people
from models.reminders.recurrence import clipped_day, local_day, local_moment
from models.reminders.reminder import Reminder
from models.young_people.young_person import YoungPerson, about_young_person

BIRTHDAY_HOUR = time(10, 0)
BIRTHDAY_DAYS_AHEAD = (3, 0)


def birthday_in(year: int, birthday: date) -> date:
    """The day the birthday falls on in `year` (28 February for 29 February in other years)."""
    return clipped_day(year, birthday.month, birthday.day)


def days_to_birthday(birthday: date, day: date) -> int:
    """How many days from `day` to the birthday on or after it (0 on the day itself)."""
    this_year = birthday_in(day.year, birthday)
    coming = this_year if this_year >= day else birthday_in(day.year + 1, birthday)
    return (coming - day).days


def next_birthday_reminder(
    birthday: date, *, days_before: int, after: datetime, at: time, tz: str
) -> datetime:
    """The first moment after `after` that is `days_before` a birthday, at `at` their time."""
    today = local_day(after, tz)
    for year in (today.year, today.year + 1, today.year + 2):
        moment = local_moment(birthday_in(year, birthday) - timedelta(days=days_before), at, tz)
        if moment > after:
            return moment
    raise AssertionError("a birthday comes round within two years")


def days_before_of(birthday: date, due_day: date) -> int:
    """Which of the reminders (3 days before, or on the day) a due day belongs to."""
    gap = days_to_birthday(birthday, due_day)
    return min(BIRTHDAY_DAYS_AHEAD, key=lambda ahead: abs(ahead - gap))


async def sync_birthday_reminders(
    *, session: AsyncSession, now: datetime, young_person: YoungPerson
) -> list[Reminder]:
    """Rebuild their birthday reminders from the people they may see (if they turned them on)."""
    await session.execute(
        delete(Reminder).where(
            Reminder.young_person_id == young_person.id, Reminder.kind == ReminderKind.birthday
        )
    )
    if not young_person.birthday_reminders:
        await session.flush()
        return []
    made = [
        Reminder(
            **about_young_person(young_person),
            kind=ReminderKind.birthday,
            connection_id=person.id,
            what=person.name,
            local_time=BIRTHDAY_HOUR,
            timezone=young_person.timezone,
            repeat=Repeat.yearly,
            next_at=next_birthday_reminder(
                person.birthday,
                days_before=days_before,
                after=now,
                at=BIRTHDAY_HOUR,
                tz=young_person.timezone,
            ),
            active=True,
            created_at=now,
        )
        for person in await visible_people(session=session, young_person=young_person)
        if person.birthday is not None
        for days_before in BIRTHDAY_DAYS_AHEAD
    ]
    session.add_all(made)
    await session.flush()
    return made


async def set_birthday_reminders(
    *, session: AsyncSession, now: datetime, young_person: YoungPerson, on: bool
) -> list[Reminder]:
    """Turn birthday reminders on or off (the young person's choice, off by default)."""
    young_person.birthday_reminders = on
    return await sync_birthday_reminders(session=session, now=now, young_person=young_person)
