"""An urgent concern nobody acknowledged in time is sent again, once, to the coordinator and
every manager of the organisation (DESIGN rule 4: a person must be told).

The window is the organisation's `concern_escalation_minutes` (15 by default) of working time:
minutes outside working hours do not count, and nothing is escalated out of hours (no one is
there to read it; the young person was told when a person will). Acknowledging stops it; so
does resolving. Each concern is claimed with FOR UPDATE SKIP LOCKED and marked `escalated_at`
in the same transaction as its messages, so with several schedulers it is sent once. Like
every nudge, the message names the kind and the young person, never their words.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from models.core.enums import NudgeKind, NudgeState, Urgency
from models.core.working_hours import after_working_minutes, next_reading
from models.nudges.nudge import Nudge
from models.nudges.raising import tell_staff, urgent_recipients
from models.staff.organisation import Organisation
from models.young_people.young_person import YoungPerson

BATCH = 200
# No window is shorter than this, so the query can skip concerns raised just now.
SHORTEST_WINDOW = timedelta(minutes=1)


def escalation_due(nudge: Nudge, organisation: Organisation) -> datetime:
    return after_working_minutes(
        nudge.created_at, organisation.concern_escalation_minutes, organisation
    )


async def _send(
    session: AsyncSession, now: datetime, nudge: Nudge, organisation: Organisation, name: str
) -> int:
    people = await urgent_recipients(
        session, nudge.organisation_id, nudge.coordinator_id, every_manager=True
    )
    minutes = organisation.concern_escalation_minutes
    return await tell_staff(session, now, nudge, people, name=name, escalated_after=minutes)


async def escalate_unacknowledged_concerns(*, session: AsyncSession, now: datetime) -> int:
    """Send again each urgent concern whose window has passed unacknowledged; how many."""
    rows = await session.execute(
        select(Nudge, Organisation, YoungPerson)
        .join(Organisation, Organisation.id == Nudge.organisation_id)
        .join(YoungPerson, YoungPerson.id == Nudge.young_person_id)
        .where(
            Nudge.kind == NudgeKind.concern,
            Nudge.urgency == Urgency.urgent,
            Nudge.state == NudgeState.open,
            Nudge.escalated_at.is_(None),
            Nudge.created_at <= now - SHORTEST_WINDOW,
        )
        .order_by(Nudge.created_at, Nudge.id)
        .limit(BATCH)
        .with_for_update(of=Nudge, skip_locked=True)
    )
    escalated = 0
    for nudge, organisation, person in rows.all():
        if next_reading(now, organisation) is not None or now < escalation_due(nudge, organisation):
            continue
        # Claimed by a conditional write as well as the row lock: on SQLite, which has no
        # FOR UPDATE, a second scheduler's write then changes nothing (or waits and fails).
        claimed = await session.execute(
            update(Nudge)
            .where(Nudge.id == nudge.id, Nudge.escalated_at.is_(None))
            .values(escalated_at=now)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            continue
        nudge.escalated_at = now
        await _send(session, now, nudge, organisation, person.preferred_name)
        escalated += 1
    await session.flush()
    return escalated
