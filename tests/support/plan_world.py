"""A conference already held, with one commitment of Sam's and check-ins already sent to her."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from models import CheckIn, Commitment, Meeting, YoungPerson
from models.core.enums import CheckInState, CommitmentWho, Frequency, MeetingKind


async def sent_checkins(
    session: AsyncSession, now: datetime, person: YoungPerson, count: int = 2
) -> tuple[Commitment, list[CheckIn]]:
    """Her plan's one commitment (she joins the football club), and `count` weekly check-ins."""
    meeting = Meeting(
        organisation_id=person.organisation_id,
        young_person_id=person.id,
        kind=MeetingKind.conference,
        scheduled_at=now,
        held_at=now,
        created_at=now,
    )
    session.add(meeting)
    await session.flush()
    commitment = Commitment(
        organisation_id=person.organisation_id,
        meeting_id=meeting.id,
        young_person_id=person.id,
        who=CommitmentWho.young_person,
        what="Join the football club",
        frequency=Frequency.weekly,
        created_at=now,
    )
    checkins = [
        CheckIn(
            organisation_id=person.organisation_id,
            young_person_id=person.id,
            meeting_id=meeting.id,
            label=f"{n} weeks",
            due_at=now + timedelta(weeks=n),
            state=CheckInState.sent,
            created_at=now,
        )
        for n in range(1, count + 1)
    ]
    session.add_all([commitment, *checkins])
    await session.flush()
    return commitment, checkins
