"""Joining Kith from the chat: a self-referral, or a coordinator's invite that links the chat.

Before a young person agrees, nothing about them is stored except the chat id in the bot's
own conversation state; the consent records are written with the moment they said yes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models.core.db import add_now
from models.core.enums import Cohort, ConsentGivenBy, ConsentKind, InviteKind, ReferralSource
from models.referrals.intake import create_referral
from models.referrals.invites import InviteCode, consume_invite
from models.referrals.referral import Referral
from models.staff.organisation import Organisation
from models.staff.user import User
from models.young_people.consent import Consent
from models.young_people.young_person import YoungPerson, about_young_person

MAX_PREFERRED_NAME = 40


class ChatAlreadyLinkedError(ValueError):
    """This Telegram chat already belongs to someone in Kith."""


class NotAcceptingError(LookupError):
    """The council is not taking self-referrals (or is gone)."""


@dataclass(frozen=True)
class SelfReferral:
    """What a young person told Kith about themselves in the chat."""

    preferred_name: str
    cohort: Cohort
    age: int | None
    date_of_birth: date | None
    has_social_worker: str | None  # "yes", "no", "not_sure", or None when skipped
    preferred_hour: int
    language: str = "en"


async def councils_taking_self_referrals(*, session: AsyncSession) -> list[Organisation]:
    rows = await session.scalars(
        select(Organisation)
        .where(Organisation.accepts_self_referrals, Organisation.deactivated_at.is_(None))
        .order_by(Organisation.name)
    )
    return list(rows)


async def who_is_chat(*, session: AsyncSession, chat_id: int) -> YoungPerson | User | None:
    """The young person or staff member this chat belongs to, if any."""
    person = await session.scalar(
        select(YoungPerson).where(YoungPerson.telegram_chat_id == chat_id)
    )
    if person is not None:
        return person
    return await session.scalar(
        select(User).where(User.telegram_chat_id == chat_id, User.disabled_at.is_(None))
    )


async def is_staff_chat(*, session: AsyncSession, chat_id: int) -> bool:
    """Whether this chat is a (not disabled) staff member's: one index lookup, run for every
    update (a chat belongs to one person at most, see `_ensure_chat_free`)."""
    found = await session.scalar(
        select(User.id).where(User.telegram_chat_id == chat_id, User.disabled_at.is_(None))
    )
    return found is not None


async def organisation_of_chat(*, session: AsyncSession, chat_id: int) -> Organisation | None:
    """The council of the young person this chat belongs to, in one query."""
    found: Organisation | None = await session.scalar(
        select(Organisation)
        .join(YoungPerson, YoungPerson.organisation_id == Organisation.id)
        .where(YoungPerson.telegram_chat_id == chat_id)
    )
    return found


async def _ensure_chat_free(session: AsyncSession, chat_id: int) -> None:
    if await who_is_chat(session=session, chat_id=chat_id) is not None:
        raise ChatAlreadyLinkedError(f"chat {chat_id} is already linked")


def _consents(young_person: YoungPerson, agreed_at: datetime, now: datetime) -> list[Consent]:
    return [
        Consent(
            **about_young_person(young_person),
            kind=kind,
            given_by=ConsentGivenBy.young_person,
            given_at=agreed_at,
            created_at=now,
        )
        for kind in (ConsentKind.taking_part, ConsentKind.bot_messages)
    ]


async def refer_myself(
    *,
    session: AsyncSession,
    now: datetime,
    organisation_id: int,
    chat_id: int,
    about: SelfReferral,
    agreed_at: datetime,
    placing_note: str | None = None,
) -> tuple[YoungPerson, Referral]:
    """Create the young person, their consents and a self-referral (which nudges the team).

    `placing_note`: the young person did not know their council, so this one's team is asked
    to place the referral (models.referrals.council_search); the referral and nudge say so.
    """
    organisation = await session.get(Organisation, organisation_id)
    if organisation is None or not organisation.accepts_self_referrals:
        raise NotAcceptingError(f"organisation {organisation_id} takes no self-referrals")
    await _ensure_chat_free(session, chat_id)
    young_person = YoungPerson(
        organisation_id=organisation.id,
        preferred_name=about.preferred_name.strip()[:MAX_PREFERRED_NAME],
        cohort=about.cohort,
        age_at_referral=about.age,
        date_of_birth=about.date_of_birth,
        has_social_worker=about.has_social_worker,
        preferred_hour=about.preferred_hour,
        language=about.language,
        timezone=organisation.timezone,
        telegram_chat_id=chat_id,
        created_at=now,
    )
    await add_now(session, young_person)
    session.add_all(_consents(young_person, agreed_at, now))
    referral = await create_referral(
        session=session,
        now=now,
        organisation=organisation,
        young_person=young_person,
        source=ReferralSource.self,
        note=placing_note,
    )
    return young_person, referral


async def accept_invite(
    *, session: AsyncSession, now: datetime, code: str, chat_id: int, agreed_at: datetime
) -> YoungPerson | User:
    """Link this chat to the invited young person (with consent) or coordinator."""
    await _ensure_chat_free(session, chat_id)
    invite: InviteCode = await consume_invite(session=session, now=now, code=code)
    if invite.kind == InviteKind.coordinator:
        user = await session.get_one(User, invite.user_id)
        user.telegram_chat_id = chat_id
        await session.flush()
        return user
    young_person = await session.get_one(YoungPerson, invite.young_person_id)
    young_person.telegram_chat_id = chat_id
    young_person.messages_stopped_at = None
    young_person.unreachable_at = None
    session.add_all(_consents(young_person, agreed_at, now))
    await session.flush()
    return young_person


async def peek_invite(*, session: AsyncSession, now: datetime, code: str) -> InviteKind:
    """What kind of invite a code is, without using it up (same errors as using it)."""
    savepoint = await session.begin_nested()
    try:
        invite = await consume_invite(session=session, now=now, code=code)
        kind = invite.kind
    finally:
        await savepoint.rollback()
    return kind
