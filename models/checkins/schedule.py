"""A coordinator's hand on the check-in schedule: add one, move one, cancel one.

Only a check-in not yet sent can be moved or cancelled; one already sent is the young
person's to answer (or to miss), and its record stays as it is.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from models.checkins.checkin import CheckIn
from models.core.db import add_now
from models.core.enums import CheckInState
from models.young_people.young_person import YoungPerson, about_young_person


class CheckInStateError(Exception):
    pass


async def add_checkin(
    *, session: AsyncSession, now: datetime, young_person: YoungPerson, due_at: datetime, label: str
) -> CheckIn:
    if due_at <= now:
        raise CheckInStateError("a new check-in must be due in the future")
    checkin = CheckIn(
        **about_young_person(young_person),
        label=label.strip() or "extra",
        due_at=due_at,
        state=CheckInState.scheduled,
        created_at=now,
    )
    return await add_now(session, checkin)


def _must_be_scheduled(checkin: CheckIn, doing: str) -> None:
    if checkin.state != CheckInState.scheduled:
        raise CheckInStateError(
            f"a check-in that is '{checkin.state.value}' cannot be {doing}: only 'scheduled' ones"
        )


def move_checkin(*, checkin: CheckIn, due_at: datetime, now: datetime) -> None:
    _must_be_scheduled(checkin, "moved")
    if due_at <= now:
        raise CheckInStateError("a check-in can only be moved to a moment in the future")
    checkin.due_at = due_at


def cancel_checkin(*, checkin: CheckIn) -> None:
    _must_be_scheduled(checkin, "cancelled")
    checkin.state = CheckInState.cancelled
