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

from models.core.enums import NudgeKind, NudgeState, Role, Urgency
from models.core.working_hours import after_working_minutes, next_reading
from models.email.sending import enqueue_email, nudge_link
from models.nudges.channels import by_email, by_telegram, channels_of
from models.nudges.nudge import Nudge
from models.nudges.raising import acknowledge_markup, on_duty
from models.outbox.sending import enqueue_message
from models.staff.organisation import Organisation
from models.staff.user import User
from models.young_people.young_person import YoungPerson
from texts.catalog import t
from texts.staff import NUDGE_TITLES, escalated_text
from texts.workspace import EMAIL

BATCH = 200
# No window is shorter than this, so the query can skip concerns raised just now.
SHORTEST_WINDOW = timedelta(minutes=1)


async def escalation_recipients(session: AsyncSession, nudge: Nudge) -> list[User]:
    """The coordinator (else whoever is on duty) and every active manager of the organisation."""
    managers = await session.scalars(
        select(User)
        .where(
            User.organisation_id == nudge.organisation_id,
            User.role == Role.manager,
            User.disabled_at.is_(None),
        )
        .order_by(User.id)
    )
    coordinator = await session.get(User, nudge.coordinator_id) if nudge.coordinator_id else None
    if coordinator is not None and coordinator.is_active:
        people = [coordinator]
    else:
        people = await on_duty(session, nudge.organisation_id)
    return people + [m for m in managers if all(m.id != p.id for p in people)]


def escalation_due(nudge: Nudge, organisation: Organisation) -> datetime:
    return after_working_minutes(
        nudge.created_at, organisation.concern_escalation_minutes, organisation
    )


async def _send(
    session: AsyncSession, now: datetime, nudge: Nudge, organisation: Organisation, name: str
) -> int:
    people = await escalation_recipients(session, nudge)
    channels = await channels_of(session=session, users=people)
    minutes = organisation.concern_escalation_minutes
    language = organisation.language
    sent = 0
    for person in people:
        if by_email(channels[person.id]):
            title = t(None, NUDGE_TITLES[nudge.kind])
            body = "\n\n".join(
                [
                    t(None, EMAIL["escalated_intro"], minutes=minutes),
                    title,
                    t(None, EMAIL["open_link"], link=nudge_link(nudge)),
                    t(None, EMAIL["footer"]),
                ]
            )
            await enqueue_email(
                session=session,
                now=now,
                user=person,
                kind="nudge",
                subject=t(None, EMAIL["escalated_subject"], title=title),
                body=body,
                dedupe_key=f"nudge:{nudge.id}:escalated:email:{person.id}",
            )
            sent += 1
        if person.telegram_chat_id is not None and by_telegram(channels[person.id]):
            await enqueue_message(
                session=session,
                organisation_id=nudge.organisation_id,
                chat_id=person.telegram_chat_id,
                user_id=person.id,
                kind="nudge",
                body=escalated_text(nudge.kind, nudge.id, name, minutes, language),
                reply_markup=acknowledge_markup(nudge.id, language),
                now=now,
                dedupe_key=f"nudge:{nudge.id}:escalated:user:{person.id}",
                respects_quiet_hours=False,
            )
            sent += 1
    return sent


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
