"""A young person's own people: naming, changing and removing them, and who they may see.

Rule 1, "found is not shown", decided once here (`visible_addressed_to`) and used for
everything the young person is shown or reminded of: the bot's lists, the circle picture,
reminders, /mydata. They see someone only when that person has `agreed` (safety-checked
and willing), or when they named that person themselves and the person is not `unsafe`,
`declined` or `ended`. So the bot never lists, or prompts contact with, someone a
coordinator found unsafe or who declined — even someone the young person named; the
coordinator talks that through with them. The bot never says why a person is no longer
shown (that would tell the young person a coordinator's note: rule 2).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.audit import record_audit
from models.core.db import add_now
from models.core.enums import (
    ActorKind,
    Closeness,
    ConnectionCategory,
    ConnectionStatus,
    NamedBy,
    NudgeKind,
)
from models.core.scoping import NotFoundError
from models.network.connection import Connection
from models.nudges.raising import raise_nudge
from models.young_people.young_person import YoungPerson, about_young_person

MAX_NAME = 60
ROUTE = "bot"

# Relationship buttons in the chat, and the category each one draws in on the circle.
RELATIONSHIPS: dict[str, ConnectionCategory] = {
    "mum": ConnectionCategory.family,
    "dad": ConnectionCategory.family,
    "brother": ConnectionCategory.family,
    "sister": ConnectionCategory.family,
    "grandparent": ConnectionCategory.family,
    "aunt_uncle": ConnectionCategory.family,
    "cousin": ConnectionCategory.family,
    "friend": ConnectionCategory.friend,
    "foster_carer": ConnectionCategory.carer,
    "teacher": ConnectionCategory.professional,
    "social_worker": ConnectionCategory.professional,
    "someone_else": ConnectionCategory.community,
}


class PersonNameError(ValueError):
    """The name cannot be used (empty once cleaned, or too long)."""


class UnknownRelationshipError(ValueError):
    pass


@dataclass(frozen=True)
class PersonDetails:
    """What a young person tells Kith about someone, step by step in the chat."""

    name: str
    relationship: str
    in_touch: bool | None
    wants_contact: bool | None
    closeness: Closeness
    birthday: date | None
    worried: bool


def clean_name(text: str) -> str:
    """Drop control characters and extra spaces; keep emoji and every script (RTL included)."""
    kept = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\u200d")
    name = " ".join(kept.split())
    if not name:
        raise PersonNameError("a name needs at least one letter, number or emoji")
    if len(name) > MAX_NAME:
        raise PersonNameError(f"a name can be up to {MAX_NAME} characters")
    return name


# Named by the young person, but no longer shown: found unsafe, declined, or removed by them.
HIDDEN_THOUGH_NAMED = frozenset(
    {ConnectionStatus.unsafe, ConnectionStatus.declined, ConnectionStatus.ended}
)


def visible_addressed_to() -> ColumnElement[bool]:
    """The SQL condition of rule 1: agreed, or named by them and not unsafe, declined or ended."""
    return or_(
        Connection.status == ConnectionStatus.agreed,
        and_(
            Connection.named_by == NamedBy.young_person,
            Connection.status.not_in(HIDDEN_THOUGH_NAMED),
        ),
    )


async def visible_people(*, session: AsyncSession, young_person: YoungPerson) -> list[Connection]:
    """Everyone this young person may see, in the order they were added."""
    rows = await session.scalars(
        select(Connection)
        .where(
            Connection.organisation_id == young_person.organisation_id,
            Connection.young_person_id == young_person.id,
            visible_addressed_to(),
        )
        .order_by(Connection.id)
    )
    return list(rows)


async def visible_person(
    *, session: AsyncSession, young_person: YoungPerson, connection_id: int
) -> Connection:
    """One person they may see; anyone else is NotFoundError, exactly like a missing one."""
    row = await session.scalar(
        select(Connection).where(
            Connection.id == connection_id,
            Connection.organisation_id == young_person.organisation_id,
            Connection.young_person_id == young_person.id,
            visible_addressed_to(),
        )
    )
    if row is None:
        raise NotFoundError("Connection", connection_id)
    return row


async def name_person(
    *, session: AsyncSession, now: datetime, young_person: YoungPerson, details: PersonDetails
) -> Connection:
    """Add someone the young person named; a worry sets the flag and nudges, as does wanting
    contact."""
    category = RELATIONSHIPS.get(details.relationship)
    if category is None:
        raise UnknownRelationshipError(details.relationship)
    person = Connection(
        **about_young_person(young_person),
        name=clean_name(details.name),
        relationship_label=details.relationship,
        category=category,
        named_by=NamedBy.young_person,
        closeness=details.closeness,
        in_touch=details.in_touch,
        wants_contact=details.wants_contact,
        birthday=details.birthday,
        # The young person is never asked to explain a worry: the flag alone, no note.
        safety_concern=details.worried,
        status=ConnectionStatus.named,
        status_changed_at=now,
        created_at=now,
    )
    await add_now(session, person)
    _audit(session, now, young_person, person, "create")
    if details.wants_contact:
        await _tell_coordinator(
            session,
            now,
            young_person,
            NudgeKind.contact_asked,
            f"would like to be (more) in touch with a {details.relationship} they named"
            f" (connection #{person.id})",
        )
    if details.worried:
        # The chat promises "Your worker will know": a nudge, not urgent (the young person was
        # asked a yes/no question, not told of danger; their own words are read for that).
        await _tell_coordinator(
            session,
            now,
            young_person,
            NudgeKind.worried_about_person,
            f"something about a {details.relationship} they named is worrying them"
            f" (connection #{person.id})",
        )
    return person


async def change_person(
    *,
    session: AsyncSession,
    now: datetime,
    young_person: YoungPerson,
    connection_id: int,
    name: str | None = None,
    closeness: Closeness | None = None,
    in_touch: bool | None = None,
    wants_contact: bool | None = None,
    birthday: date | None = None,
) -> Connection:
    """Change what the young person may change about someone they can see."""
    person = await visible_person(
        session=session, young_person=young_person, connection_id=connection_id
    )
    if name is not None:
        person.name = clean_name(name)
    if closeness is not None:
        person.closeness = closeness
    if in_touch is not None:
        person.in_touch = in_touch
    if birthday is not None:
        person.birthday = birthday
    if wants_contact is not None:
        asked_now = wants_contact and not person.wants_contact
        person.wants_contact = wants_contact
        if asked_now:
            await _tell_coordinator(
                session,
                now,
                young_person,
                NudgeKind.contact_asked,
                f"would like to be (more) in touch with connection #{person.id}",
            )
    await session.flush()
    _audit(session, now, young_person, person, "update")
    return person


async def remove_person(
    *, session: AsyncSession, now: datetime, young_person: YoungPerson, connection_id: int
) -> Connection:
    """Take someone out of their circle (status `ended`); the coordinator hears of agreed ones."""
    person = await visible_person(
        session=session, young_person=young_person, connection_id=connection_id
    )
    was_agreed = person.status == ConnectionStatus.agreed
    person.status = ConnectionStatus.ended
    person.status_changed_at = now
    await session.flush()
    _audit(session, now, young_person, person, "remove")
    if was_agreed:
        await _tell_coordinator(
            session,
            now,
            young_person,
            NudgeKind.told,
            f"took connection #{person.id} (agreed) out of their circle",
        )
    return person


async def _tell_coordinator(
    session: AsyncSession, now: datetime, young_person: YoungPerson, kind: NudgeKind, detail: str
) -> None:
    await raise_nudge(session=session, now=now, kind=kind, young_person=young_person, detail=detail)


def _audit(
    session: AsyncSession, now: datetime, young_person: YoungPerson, person: Connection, action: str
) -> None:
    record_audit(
        session=session,
        now=now,
        actor_kind=ActorKind.young_person,
        action=action,
        entity="connection",
        entity_id=person.id,
        young_person_id=young_person.id,
        organisation_id=young_person.organisation_id,
        route=ROUTE,
    )
