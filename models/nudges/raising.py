"""Raising nudges: one open nudge per kind and young person; urgent ones go to Telegram at once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from models.core.enums import NudgeKind, NudgeState, Role, Urgency
from models.email.sending import email_urgent_nudge
from models.nudges.channels import by_email, by_telegram, channels_of
from models.nudges.nudge import Nudge
from models.outbox.sending import enqueue_message
from models.staff.organisation import Organisation
from models.staff.user import User
from models.young_people.young_person import YoungPerson
from texts.catalog import t
from texts.staff import BTN_ACKNOWLEDGE, escalated_text, nudge_text

OPEN = (NudgeState.open, NudgeState.acknowledged)


def acknowledge_markup(nudge_id: int, language: str | None = None) -> dict[str, object]:
    return {
        "inline_keyboard": [
            [{"text": t(language, BTN_ACKNOWLEDGE), "callback_data": f"nudge:ack:{nudge_id}"}]
        ]
    }


async def _managers_for(
    session: AsyncSession, organisation_id: int, coordinator: User | None
) -> list[User]:
    if coordinator is not None and coordinator.manager_id is not None:
        manager = await session.get(User, coordinator.manager_id)
        if manager is not None and manager.is_active:
            return [manager]
    rows = await session.scalars(
        select(User)
        .where(
            User.organisation_id == organisation_id,
            User.role == Role.manager,
            User.disabled_at.is_(None),
        )
        .order_by(User.id)
    )
    return list(rows)


async def on_duty(session: AsyncSession, organisation_id: int) -> list[User]:
    """The staff on duty for young people no coordinator holds yet."""
    rows = await session.scalars(
        select(User)
        .where(
            User.organisation_id == organisation_id,
            User.on_duty.is_(True),
            User.disabled_at.is_(None),
        )
        .order_by(User.id)
    )
    return list(rows)


async def urgent_recipients(
    session: AsyncSession,
    organisation_id: int,
    coordinator_id: int | None,
    *,
    every_manager: bool = False,
) -> list[User]:
    """The coordinator and their manager (or, `every_manager`, all of them, as an escalation
    needs); with no coordinator yet, whoever is on duty and every manager."""
    coordinator = await session.get(User, coordinator_id) if coordinator_id else None
    people: list[User] = []
    if coordinator is not None and coordinator.is_active:
        people.append(coordinator)
    else:
        people.extend(await on_duty(session, organisation_id))
    managed_by = None if every_manager else coordinator
    for manager in await _managers_for(session, organisation_id, managed_by):
        if all(manager.id != p.id for p in people):
            people.append(manager)
    return people


async def _find_open(
    session: AsyncSession, organisation_id: int, young_person_id: int, kind: NudgeKind
) -> Nudge | None:
    return await session.scalar(
        select(Nudge).where(
            Nudge.organisation_id == organisation_id,
            Nudge.young_person_id == young_person_id,
            Nudge.kind == kind,
            Nudge.state.in_(OPEN),
        )
    )


async def raise_nudge(
    *,
    session: AsyncSession,
    now: datetime,
    kind: NudgeKind,
    young_person: YoungPerson,
    urgency: Urgency = Urgency.normal,
    detail: str | None = None,
) -> Nudge:
    """Open a nudge, or add to the one already open for this kind and young person.

    A nudge is always about one young person, and belongs to their council and coordinator.
    """
    organisation_id, yp_id = young_person.organisation_id, young_person.id
    nudge = await _find_open(session, organisation_id, yp_id, kind)
    if nudge is None:
        nudge = Nudge(
            organisation_id=organisation_id,
            young_person_id=yp_id,
            coordinator_id=young_person.coordinator_id,
            kind=kind,
            urgency=urgency,
            state=NudgeState.open,
            detail=detail,
            occurrences=1,
            last_raised_at=now,
            created_at=now,
        )
        try:
            async with session.begin_nested():
                session.add(nudge)
        except IntegrityError:
            # Another worker opened it between our look and our write: join theirs.
            found = await _find_open(session, organisation_id, yp_id, kind)
            if found is None:
                raise
            nudge = found
            _add_occurrence(nudge, now, urgency, detail)
    else:
        _add_occurrence(nudge, now, urgency, detail)
    await session.flush()
    if nudge.urgency == Urgency.urgent:
        await _send_urgent(session, now, nudge, young_person)
    return nudge


def _add_occurrence(nudge: Nudge, now: datetime, urgency: Urgency, detail: str | None) -> None:
    nudge.occurrences += 1
    nudge.last_raised_at = now
    if urgency == Urgency.urgent:
        nudge.urgency = Urgency.urgent
    if detail:
        nudge.detail = f"{nudge.detail}\n---\n{detail}" if nudge.detail else detail


async def _send_urgent(
    session: AsyncSession, now: datetime, nudge: Nudge, young_person: YoungPerson
) -> None:
    people = await urgent_recipients(session, nudge.organisation_id, nudge.coordinator_id)
    await tell_staff(session, now, nudge, people, name=young_person.preferred_name)


async def tell_staff(
    session: AsyncSession,
    now: datetime,
    nudge: Nudge,
    people: list[User],
    *,
    name: str,
    escalated_after: int | None = None,
) -> int:
    """An urgent nudge to each person, by email and Telegram as each chose, at once (quiet
    hours are a young person's, not staff's); `escalated_after` minutes when it is sent again
    unacknowledged. Never the young person's words. How many messages were queued."""
    # Coordinators read nudges in their organisation's language, whatever the young person's.
    language = (await session.get_one(Organisation, nudge.organisation_id)).language
    channels = await channels_of(session=session, users=people)
    queued = 0
    for person in people:
        if by_email(channels[person.id]):
            await email_urgent_nudge(
                session=session, now=now, nudge=nudge, user=person, escalated_after=escalated_after
            )
            queued += 1
        if person.telegram_chat_id is None or not by_telegram(channels[person.id]):
            continue
        if escalated_after is None:
            body = nudge_text(nudge.kind, nudge.id, name, language)
            key = f"nudge:{nudge.id}:{nudge.occurrences}:user:{person.id}"
        else:
            body = escalated_text(nudge.kind, nudge.id, name, escalated_after, language)
            key = f"nudge:{nudge.id}:escalated:user:{person.id}"
        await enqueue_message(
            session=session,
            organisation_id=nudge.organisation_id,
            chat_id=person.telegram_chat_id,
            user_id=person.id,
            kind="nudge",
            body=body,
            reply_markup=acknowledge_markup(nudge.id, language),
            now=now,
            dedupe_key=key,
            respects_quiet_hours=False,
        )
        queued += 1
    return queued


def acknowledge_nudge(*, nudge: Nudge, by_user_id: int, now: datetime) -> None:
    if nudge.state == NudgeState.open:
        nudge.state = NudgeState.acknowledged
        nudge.acknowledged_at = now
        nudge.acknowledged_by = by_user_id


def resolve_nudge(*, nudge: Nudge, by_user_id: int, now: datetime, note: str | None = None) -> None:
    """Only a person closes a nudge; nothing a young person types can. The note says what
    was done, for whoever reads the record next."""
    if nudge.state != NudgeState.resolved:
        if note and note.strip():
            nudge.resolved_note = note.strip()
        if nudge.acknowledged_at is None:
            nudge.acknowledged_at = now
            nudge.acknowledged_by = by_user_id
        nudge.state = NudgeState.resolved
        nudge.resolved_at = now
        nudge.resolved_by = by_user_id
