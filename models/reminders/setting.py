"""A young person's own reminders and opt-in birthday reminders: when each is next due.

Times are wall-clock intent in the young person's timezone ("Sunday at 5pm" stays 5pm across
BST/GMT). The scheduler sends what is due through the outbox and calls `advance_reminder`.
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.core.enums import ReminderKind, Repeat
from models.core.scoping import NotFoundError
from models.network.people import visible_people, visible_person
from models.reminders.reminder import Reminder
from models.young_people.young_person import YoungPerson

MAX_WHAT = 120
BIRTHDAY_HOUR = time(10, 0)
BIRTHDAY_DAYS_AHEAD = (3, 0)


class ReminderError(ValueError):
    pass


def _local(moment: datetime, tz: str) -> datetime:
    return moment.astimezone(ZoneInfo(tz))


def _at(day: date, at: time, tz: str) -> datetime:
    return datetime.combine(day, at, tzinfo=ZoneInfo(tz)).astimezone(UTC)


def _month_day(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def next_occurrence(reminder: Reminder, after: datetime) -> datetime | None:
    """The first moment strictly after `after` this reminder is due, or None when it is done."""
    tz, at = reminder.timezone, reminder.local_time
    today = _local(after, tz).date()
    if reminder.repeat == Repeat.once:
        return None
    if reminder.repeat == Repeat.weekly and reminder.weekday is not None:
        for ahead in range(8):
            day = today + timedelta(days=ahead)
            if day.weekday() == reminder.weekday and _at(day, at, tz) > after:
                return _at(day, at, tz)
    if reminder.repeat == Repeat.monthly and reminder.day_of_month is not None:
        year, month = today.year, today.month
        for _ in range(3):
            moment = _at(_month_day(year, month, reminder.day_of_month), at, tz)
            if moment > after:
                return moment
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if reminder.repeat == Repeat.yearly and reminder.next_at is not None:
        first = _local(reminder.next_at, tz).date()
        for year in range(today.year, today.year + 3):
            moment = _at(_month_day(year, first.month, first.day), at, tz)
            if moment > after:
                return moment
    return None


async def set_reminder(
    *,
    session: AsyncSession,
    now: datetime,
    young_person: YoungPerson,
    what: str,
    day: date,
    at: time,
    repeat: Repeat,
    connection_id: int | None = None,
) -> Reminder:
    """A reminder first due on `day` at `at` (their time), then weekly or monthly if asked."""
    what = " ".join(what.split())[:MAX_WHAT]
    if not what:
        raise ReminderError("a reminder needs something to remind about")
    if repeat not in (Repeat.once, Repeat.weekly, Repeat.monthly):
        raise ReminderError("own reminders repeat once, weekly or monthly")
    if connection_id is not None:
        await visible_person(
            session=session, young_person=young_person, connection_id=connection_id
        )
    first = _at(day, at, young_person.timezone)
    if first <= now:
        raise ReminderError("that time has already passed")
    reminder = Reminder(
        organisation_id=young_person.organisation_id,
        young_person_id=young_person.id,
        kind=ReminderKind.own,
        connection_id=connection_id,
        what=what,
        local_time=at,
        weekday=day.weekday(),
        day_of_month=day.day,
        timezone=young_person.timezone,
        repeat=repeat,
        next_at=first,
        active=True,
        created_at=now,
    )
    session.add(reminder)
    await session.flush()
    return reminder


def advance_reminder(reminder: Reminder, *, sent_at: datetime) -> None:
    """After sending: move to the next time, or finish a one-off."""
    reminder.last_sent_at = sent_at
    reminder.next_at = next_occurrence(reminder, sent_at)
    if reminder.next_at is None:
        reminder.active = False


async def own_reminders(*, session: AsyncSession, young_person: YoungPerson) -> list[Reminder]:
    rows = await session.scalars(
        select(Reminder)
        .where(
            Reminder.young_person_id == young_person.id,
            Reminder.kind == ReminderKind.own,
            Reminder.active,
        )
        .order_by(Reminder.next_at, Reminder.id)
    )
    return list(rows)


async def cancel_reminder(
    *, session: AsyncSession, young_person: YoungPerson, reminder_id: int
) -> Reminder:
    reminder = await session.scalar(
        select(Reminder).where(
            Reminder.id == reminder_id,
            Reminder.young_person_id == young_person.id,
            Reminder.kind == ReminderKind.own,
            Reminder.active,
        )
    )
    if reminder is None:
        raise NotFoundError("Reminder", reminder_id)
    reminder.active = False
    reminder.next_at = None
    await session.flush()
    return reminder


def _next_birthday(birthday: date, after: datetime, tz: str, days_before: int) -> datetime:
    today = _local(after, tz).date()
    for year in (today.year, today.year + 1, today.year + 2):
        day = _month_day(year, birthday.month, birthday.day) - timedelta(days=days_before)
        moment = _at(day, BIRTHDAY_HOUR, tz)
        if moment > after:
            return moment
    raise AssertionError("a birthday comes round within two years")


async def sync_birthday_reminders(
    *, session: AsyncSession, now: datetime, young_person: YoungPerson
) -> list[Reminder]:
    """Rebuild their birthday reminders from the people they can see (only if they opted in).

    Two per person: three days ahead, and on the day. `what` holds the person's name; the
    sender words the message by comparing the local date of `next_at` with their birthday.
    """
    await session.execute(
        delete(Reminder).where(
            Reminder.young_person_id == young_person.id, Reminder.kind == ReminderKind.birthday
        )
    )
    if not young_person.birthday_reminders:
        await session.flush()
        return []
    made = []
    for person in await visible_people(session=session, young_person=young_person):
        if person.birthday is None:
            continue
        for days_before in BIRTHDAY_DAYS_AHEAD:
            first = _next_birthday(person.birthday, now, young_person.timezone, days_before)
            made.append(
                Reminder(
                    organisation_id=young_person.organisation_id,
                    young_person_id=young_person.id,
                    kind=ReminderKind.birthday,
                    connection_id=person.id,
                    what=person.name,
                    local_time=BIRTHDAY_HOUR,
                    weekday=None,
                    day_of_month=None,
                    timezone=young_person.timezone,
                    repeat=Repeat.yearly,
                    next_at=first,
                    active=True,
                    created_at=now,
                )
            )
    session.add_all(made)
    await session.flush()
    return made


async def set_birthday_reminders(
    *, session: AsyncSession, now: datetime, young_person: YoungPerson, on: bool
) -> list[Reminder]:
    young_person.birthday_reminders = on
    return await sync_birthday_reminders(session=session, now=now, young_person=young_person)
