"""Reminders at the right local time: 5pm stays 5pm when the clocks go back or forward.

A reminder keeps its wall-clock intent (local time, weekday or day of month, timezone);
each next moment is worked out from the local calendar, then turned into UTC.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models.core.enums import ConnectionStatus, NamedBy, ReminderKind, Repeat
from models.meetings.meeting import Meeting
from models.network.connection import Connection
from models.outbox.reachability import why_not_message
from models.outbox.sending import enqueue_message
from models.reminders.reminder import Reminder
from models.young_people.young_person import YoungPerson
from texts.unasked import birthday_reminder_text, meeting_reminder_text, own_reminder_text
from texts.when import clock_text

BATCH = 500


class ReminderError(ValueError):
    pass


def _clip(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def local_moment(day: date, at: time, tz: str) -> datetime:
    """`at` on `day` in `tz`, as an aware datetime (a time skipped in spring means an hour on)."""
    return datetime.combine(day, at, tzinfo=ZoneInfo(tz))


def following_day(reminder: Reminder, day: date) -> date | None:
    """The local date of the occurrence after the one on `day`; None for a one-off."""
    if reminder.repeat == Repeat.weekly:
        return day + timedelta(days=7)
    wanted = reminder.day_of_month or day.day
    if reminder.repeat == Repeat.monthly:
        year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
        return _clip(year, month, wanted)
    if reminder.repeat == Repeat.yearly:
        return _clip(day.year + 1, day.month, wanted)
    return None


def next_after(reminder: Reminder, previous: datetime, now: datetime) -> datetime | None:
    """The first occurrence after `now`, stepping from `previous` on the local calendar."""
    zone = ZoneInfo(reminder.timezone)
    day: date | None = previous.astimezone(zone).date()
    while day is not None:
        day = following_day(reminder, day)
        if day is None:
            return None
        moment = local_moment(day, reminder.local_time, reminder.timezone)
        if moment > now:
            return moment
    return None


async def add_reminder(
    *,
    session: AsyncSession,
    now: datetime,
    young_person: YoungPerson,
    what: str,
    on: date,
    at: time,
    repeat: Repeat,
    kind: ReminderKind = ReminderKind.own,
    connection_id: int | None = None,
    meeting_id: int | None = None,
) -> Reminder:
    """A reminder first due at `at` on `on` (the young person's timezone), then on repeat."""
    first = local_moment(on, at, young_person.timezone)
    if first <= now and repeat == Repeat.once:
        raise ReminderError("a one-off reminder must be in the future")
    reminder = Reminder(
        organisation_id=young_person.organisation_id,
        young_person_id=young_person.id,
        kind=kind,
        connection_id=connection_id,
        meeting_id=meeting_id,
        what=what,
        local_time=at,
        weekday=on.weekday() if repeat == Repeat.weekly else None,
        day_of_month=on.day if repeat in (Repeat.monthly, Repeat.yearly) else None,
        timezone=young_person.timezone,
        repeat=repeat,
        active=True,
        created_at=now,
    )
    reminder.next_at = first if first > now else next_after(reminder, first, now)
    session.add(reminder)
    await session.flush()
    return reminder


def shown_to_young_person(connection: Connection) -> bool:
    """Found is not shown: only people they named themselves (and still safe), or who agreed."""
    if connection.status == ConnectionStatus.agreed:
        return True
    return connection.named_by == NamedBy.young_person and connection.status not in (
        ConnectionStatus.unsafe,
        ConnectionStatus.declined,
        ConnectionStatus.ended,
    )


async def add_birthday_reminder(
    *, session: AsyncSession, now: datetime, young_person: YoungPerson, connection: Connection
) -> Reminder:
    """Every year, the evening before a connection's birthday, at the young person's hour."""
    if connection.birthday is None:
        raise ReminderError("this person has no birthday recorded")
    if not shown_to_young_person(connection):
        raise ReminderError("this person is not in the young person's circle")
    today = now.astimezone(ZoneInfo(young_person.timezone)).date()
    eve = _clip(today.year, connection.birthday.month, connection.birthday.day) - timedelta(days=1)
    return await add_reminder(
        session=session,
        now=now,
        young_person=young_person,
        what="birthday",
        on=eve,
        at=time(young_person.preferred_hour, 0),
        repeat=Repeat.yearly,
        kind=ReminderKind.birthday,
        connection_id=connection.id,
    )


async def add_meeting_reminder(
    *, session: AsyncSession, now: datetime, young_person: YoungPerson, meeting: Meeting
) -> Reminder:
    """The day before a meeting, at the young person's hour."""
    local = meeting.scheduled_at.astimezone(ZoneInfo(young_person.timezone))
    return await add_reminder(
        session=session,
        now=now,
        young_person=young_person,
        what=f"{local:%H:%M}",
        on=local.date() - timedelta(days=1),
        at=time(young_person.preferred_hour, 0),
        repeat=Repeat.once,
        kind=ReminderKind.meeting,
        meeting_id=meeting.id,
    )


@dataclass
class ReminderCounts:
    sent: int = 0
    skipped: int = 0


async def _body(session: AsyncSession, reminder: Reminder, person: YoungPerson) -> str | None:
    """The words, or None when the reminder should no longer go (e.g. a person now unsafe)."""
    language = person.language
    if reminder.kind == ReminderKind.birthday:
        connection = (
            await session.get(Connection, reminder.connection_id)
            if reminder.connection_id
            else None
        )
        if connection is None or not shown_to_young_person(connection):
            return None
        return birthday_reminder_text(language, connection.name)
    if reminder.kind == ReminderKind.meeting:
        meeting = await session.get(Meeting, reminder.meeting_id) if reminder.meeting_id else None
        if meeting is None or meeting.cancelled_at is not None:
            return None
        when = clock_text(meeting.scheduled_at, language=language, tz=person.timezone)
        return meeting_reminder_text(language, when)
    return own_reminder_text(language, reminder.what)


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
        body = await _body(session, reminder, person)
        if body is None:
            reminder.active = False
            reminder.next_at = None
            counts.skipped += 1
            continue
        if now - due <= grace and why_not_message(person, now) is None:
            assert person.telegram_chat_id is not None
            await enqueue_message(
                session=session,
                organisation_id=person.organisation_id,
                chat_id=person.telegram_chat_id,
                young_person_id=person.id,
                kind=f"reminder_{reminder.kind.value}",
                body=body,
                now=now,
                dedupe_key=f"reminder:{reminder.id}:{due.isoformat()}",
            )
            reminder.last_sent_at = now
            counts.sent += 1
        else:
            counts.skipped += 1
        reminder.next_at = next_after(reminder, due, now)
        reminder.active = reminder.next_at is not None
    await session.flush()
    return counts
