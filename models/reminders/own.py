"""A young person's own reminders ("remind me to message Nan on Sunday at 5pm"): set, listed,
cancelled. They asked for these, so they still come while check-ins are paused."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.core.db import add_now
from models.core.enums import ReminderKind, Repeat
from models.core.scoping import NotFoundError
from models.network.people import visible_person
from models.reminders.recurrence import local_moment
from models.reminders.reminder import Reminder, ReminderError
from models.young_people.young_person import YoungPerson, about_young_person

MAX_WHAT = 120
OWN_REPEATS = (Repeat.once, Repeat.weekly, Repeat.monthly)


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
    if repeat not in OWN_REPEATS:
        raise ReminderError("own reminders repeat once, weekly or monthly")
    if connection_id is not None:
        await visible_person(
            session=session, young_person=young_person, connection_id=connection_id
        )
    first = local_moment(day, at, young_person.timezone)
    if first <= now:
        raise ReminderError("that time has already passed")
    reminder = Reminder(
        **about_young_person(young_person),
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
    return await add_now(session, reminder)


def _theirs(young_person: YoungPerson) -> tuple[ColumnElement[bool], ...]:
    return (
        Reminder.young_person_id == young_person.id,
        Reminder.kind == ReminderKind.own,
        Reminder.active.is_(True),
    )


async def own_reminders(*, session: AsyncSession, young_person: YoungPerson) -> list[Reminder]:
    """Their reminders still to come, soonest first."""
    rows = await session.scalars(
        select(Reminder).where(*_theirs(young_person)).order_by(Reminder.next_at, Reminder.id)
    )
    return list(rows)


async def cancel_reminder(
    *, session: AsyncSession, young_person: YoungPerson, reminder_id: int
) -> Reminder:
    """Cancel one of their own; anyone else's is NotFoundError, like a missing one."""
    reminder = await session.scalar(
        select(Reminder).where(Reminder.id == reminder_id, *_theirs(young_person))
    )
    if reminder is None:
        raise NotFoundError("Reminder", reminder_id)
    reminder.active = False
    reminder.next_at = None
    await session.flush()
    return reminder
