"""Sending what has fallen due: each reminder once, on its day, then on to its next moment.

The scheduler's reminders job calls `send_due_reminders` every minute. A reminder goes
through the outbox (quiet hours, pace, the last reachability check); one that fell due
while Kith was down longer than the grace period is stepped over, never piled up; one about
a person the young person may no longer see, or a meeting that is off, stops.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models.core.enums import ReminderKind
from models.meetings.meeting import Meeting
from models.network.connection import Connection
from models.network.people import visible_addressed_to
from models.outbox.addressing import addressed_to
from models.outbox.reachability import why_not_message
from models.outbox.sending import enqueue_message
from models.reminders.birthdays import days_before_of, days_to_birthday, next_birthday_reminder
from models.reminders.recurrence import local_day, next_after
from models.reminders.reminder import Reminder
from models.young_people.young_person import YoungPerson
from texts.unasked import birthday_reminder_text, meeting_reminder_text, own_reminder_text
from texts.when import clock_text

BATCH = 500


@dataclass
class ReminderCounts:
    sent: int = 0
    skipped: int = 0


@dataclass(frozen=True)
class Occurrence:
    """What one due reminder says now, and when it comes next (None: it is done)."""

    body: str | None
    next_at: datetime | None


async def _birthday(
    session: AsyncSession, reminder: Reminder, person: YoungPerson, due: datetime, now: datetime
) -> Occurrence:
    connection = await session.scalar(
        select(Connection).where(
            Connection.id == reminder.connection_id,
            Connection.young_person_id == person.id,
            visible_addressed_to(),
        )
    )
    if connection is None or connection.birthday is None:
        return Occurrence(body=None, next_at=None)
    day = local_day(due, reminder.timezone)
    days_before = days_before_of(connection.birthday, day)
    next_at = next_birthday_reminder(
        connection.birthday,
        days_before=days_before,
        after=now,
        at=reminder.local_time,
        tz=reminder.timezone,
    )
    gap = days_to_birthday(connection.birthday, day)
    # A birthday changed since this was set: no wrong words, just the right day next time.
    body = birthday_reminder_text(person.language, connection.name, gap)
    return Occurrence(body=body if gap == days_before else None, next_at=next_at)


async def _meeting(session: AsyncSession, reminder: Reminder, person: YoungPerson) -> Occurrence:
    meeting = await session.get(Meeting, reminder.meeting_id) if reminder.meeting_id else None
    if meeting is None or meeting.cancelled_at is not None or meeting.held_at is not None:
        return Occurrence(body=None, next_at=None)
    when = clock_text(meeting.scheduled_at, language=person.language, tz=person.timezone)
    return Occurrence(
        body=meeting_reminder_text(person.language, meeting.kind.value, when),
        next_at=None,
    )


async def occurrence(
    session: AsyncSession, reminder: Reminder, person: YoungPerson, now: datetime
) -> Occurrence:
    """The words of a due reminder and its next moment, by kind."""
    assert reminder.next_at is not None
    if reminder.kind == ReminderKind.birthday:
        return await _birthday(session, reminder, person, reminder.next_at, now)
    if reminder.kind == ReminderKind.meeting:
        return await _meeting(session, reminder, person)
    return Occurrence(
        body=own_reminder_text(person.language, reminder.what),
        next_at=next_after(reminder, reminder.next_at, now),
    )


async def _enqueue(
    session: AsyncSession, reminder: Reminder, person: YoungPerson, body: str, now: datetime
) -> bool:
    """Into the outbox, unless the young person may not be written to now (False)."""
    kind = f"reminder_{reminder.kind.value}"
    if await why_not_message(session=session, person=person, now=now, kind=kind) is not None:
        return False
    assert reminder.next_at is not None
    await enqueue_message(
        session=session,
        **addressed_to(person),
        kind=kind,
        body=body,
        now=now,
        dedupe_key=f"reminder:{reminder.id}:{reminder.next_at.isoformat()}",
    )
    return True


async def send_due_reminders(
    *, session: AsyncSession, now: datetime, grace: timedelta
) -> ReminderCounts:
    """Send each due reminder once (if not too stale), then move it to its next local moment."""
    counts = ReminderCounts()
    rows = await session.execute(
        select(Reminder, YoungPerson)
        .join(YoungPerson, YoungPerson.id == Reminder.young_person_id)
        .where(Reminder.active.is_(True), Reminder.next_at <= now)
        .order_by(Reminder.next_at, Reminder.id)
        .limit(BATCH)
        .with_for_update(of=Reminder, skip_locked=True)
    )
    for reminder, person in rows.all():
        due = reminder.next_at
        assert due is not None
        then = await occurrence(session, reminder, person, now)
        fresh = now - due <= grace
        if (
            then.body is not None
            and fresh
            and await _enqueue(session, reminder, person, then.body, now)
        ):
            reminder.last_sent_at = now
            counts.sent += 1
        else:
            counts.skipped += 1
        reminder.next_at = then.next_at
        reminder.active = then.next_at is not None
    await session.flush()
    return counts
