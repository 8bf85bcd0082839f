"""A young person's rights in the chat: what is held (/mydata), deletion (/delete), and /tell.

Asking to see or delete is logged as a rights request for the team to answer within a month.
Deletion removes what only the bot holds; the case record stays (councils keep care records
until the 75th birthday, by law), and the bot says so plainly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.chat_state import ConversationState
from models.checkins.cadence import add_months
from models.checkins.checkin import CheckIn
from models.core.db import add_now
from models.core.enums import CheckInState, NudgeKind, ReminderKind, RightsKind, TellKind
from models.network.people import visible_people
from models.nudges.raising import raise_nudge
from models.referrals.referral import Referral
from models.reminders.reminder import Reminder
from models.staff.organisation import Organisation
from models.staff.user import User
from models.young_people.consent import Consent
from models.young_people.controls import stop_messages
from models.young_people.rights import RightsRequest, TellMessage
from models.young_people.young_person import YoungPerson, about_young_person

# Telegram's own limit for one message: nothing a young person typed is cut short.
MAX_TELL = 4096


@dataclass(frozen=True)
class HeldAboutMe:
    """The facts /mydata words plainly (never coordinator notes or safety flags: rule 2)."""

    preferred_name: str
    council: str
    coordinator: str | None
    has_date_of_birth: bool
    age: int | None
    cohort: str
    people: int
    reminders: int
    checkins_answered: int
    messages_to_coordinator: int
    referral_status: str | None
    consents: tuple[str, ...]


async def request_rights(
    *, session: AsyncSession, now: datetime, young_person: YoungPerson, kind: RightsKind
) -> RightsRequest:
    """Log the request (due within a month) and nudge the team."""
    request = RightsRequest(
        **about_young_person(young_person),
        kind=kind,
        requested_at=now,
        due_by=add_months(now, 1),
    )
    await add_now(session, request)
    await raise_nudge(
        session=session,
        now=now,
        kind=NudgeKind.rights_request,
        young_person=young_person,
        detail=f"{kind.value} request #{request.id}, answer by {request.due_by.date()}",
    )
    return request


async def _count(session: AsyncSession, statement: object) -> int:
    return int(await session.scalar(statement) or 0)  # type: ignore[call-overload]


async def held_about(*, session: AsyncSession, young_person: YoungPerson) -> HeldAboutMe:
    organisation = await session.get_one(Organisation, young_person.organisation_id)
    coordinator = (
        await session.get(User, young_person.coordinator_id)
        if young_person.coordinator_id
        else None
    )
    referral_status = await session.scalar(
        select(Referral.status)
        .where(Referral.young_person_id == young_person.id)
        .order_by(Referral.id.desc())
        .limit(1)
    )
    consents = await session.scalars(
        select(Consent.kind).where(
            Consent.young_person_id == young_person.id, Consent.withdrawn_at.is_(None)
        )
    )
    yp = young_person.id
    return HeldAboutMe(
        preferred_name=young_person.preferred_name,
        council=organisation.name,
        coordinator=coordinator.display_name if coordinator else None,
        has_date_of_birth=young_person.date_of_birth is not None,
        age=young_person.age_at_referral,
        cohort=young_person.cohort.value,
        people=len(await visible_people(session=session, young_person=young_person)),
        reminders=await _count(
            session, select(func.count()).where(Reminder.young_person_id == yp, Reminder.active)
        ),
        checkins_answered=await _count(
            session,
            select(func.count()).where(
                CheckIn.young_person_id == yp, CheckIn.state == CheckInState.answered
            ),
        ),
        messages_to_coordinator=await _count(
            session, select(func.count()).where(TellMessage.young_person_id == yp)
        ),
        referral_status=referral_status.value if referral_status else None,
        consents=tuple(sorted({c.value for c in consents})),
    )


async def delete_bot_data(
    *, session: AsyncSession, now: datetime, young_person: YoungPerson, chat_id: int
) -> None:
    """Remove the bot's own data: its reminders, conversation state and the Telegram link."""
    await session.execute(
        delete(Reminder).where(
            Reminder.young_person_id == young_person.id,
            Reminder.kind.in_((ReminderKind.own, ReminderKind.birthday)),
        )
    )
    await session.execute(delete(ConversationState).where(ConversationState.chat_id == chat_id))
    await stop_messages(session=session, now=now, young_person=young_person)
    young_person.birthday_reminders = False
    young_person.telegram_chat_id = None
    await session.flush()


async def tell_coordinator(
    *,
    session: AsyncSession,
    now: datetime,
    young_person: YoungPerson,
    kind: TellKind,
    text: str | None,
) -> TellMessage:
    """Their message reaches the coordinator as a nudge; "get in touch" as a contact request."""
    cleaned = text.strip()[:MAX_TELL] if text and text.strip() else None
    message = TellMessage(
        **about_young_person(young_person),
        kind=kind,
        text=cleaned,
        at=now,
    )
    await add_now(session, message)
    await raise_nudge(
        session=session,
        now=now,
        kind=NudgeKind.contact_asked if kind == TellKind.get_in_touch else NudgeKind.told,
        young_person=young_person,
        detail=f"{kind.value}: {cleaned}" if cleaned else kind.value,
    )
    return message
