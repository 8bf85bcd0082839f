"""The day before their planning meeting or family group conference, a young person hears
of it: kindly, at the hour they said suits them, and never in quiet hours (the outbox holds
an unasked message until they end). Arranging, moving or cancelling the meeting keeps it true.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models.core.enums import MeetingKind, ReminderKind, Repeat
from models.meetings.meeting import Meeting
from models.reminders.recurrence import local_day, local_moment
from models.reminders.reminder import Reminder
from models.young_people.young_person import YoungPerson, about_young_person

REMINDED_OF = frozenset({MeetingKind.planning, MeetingKind.conference})


def eve_of(meeting: Meeting, young_person: YoungPerson) -> datetime:
    """The day before the meeting, at the young person's hour, in UTC."""
    day = local_day(meeting.scheduled_at, young_person.timezone) - timedelta(days=1)
    return local_moment(day, time(young_person.preferred_hour, 0), young_person.timezone)


async def remind_of_meeting(
    *, session: AsyncSession, now: datetime, young_person: YoungPerson, meeting: Meeting
) -> Reminder | None:
    """Set, move or stop the reminder of `meeting` to match it now.

    None when there is nothing to remind of: a review (the young person may not be there), a
    meeting cancelled or held, or one arranged after its eve has passed (they were just told).
    """
    reminder = await session.scalar(
        select(Reminder).where(
            Reminder.meeting_id == meeting.id, Reminder.kind == ReminderKind.meeting
        )
    )
    eve = eve_of(meeting, young_person)
    wanted = (
        meeting.kind in REMINDED_OF
        and meeting.cancelled_at is None
        and meeting.held_at is None
        and eve > now
    )
    if not wanted:
        if reminder is not None:
            reminder.active, reminder.next_at = False, None
            await session.flush()
        return None
    if reminder is None:
        reminder = Reminder(
            **about_young_person(young_person),
            kind=ReminderKind.meeting,
            meeting_id=meeting.id,
            what=meeting.kind.value,
            repeat=Repeat.once,
            created_at=now,
        )
        session.add(reminder)
    reminder.local_time = time(young_person.preferred_hour, 0)
    reminder.timezone = young_person.timezone
    reminder.next_at = eve
    reminder.active = True
    await session.flush()
    return reminder
