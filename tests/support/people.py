"""Someone in a young person's network, as a test needs them: named by whom, how far along."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from models import Connection, YoungPerson
from models.core.enums import Closeness, ConnectionCategory, ConnectionStatus, NamedBy


async def someone(
    session: AsyncSession,
    now: datetime,
    young_person: YoungPerson,
    *,
    name: str = "Nan",
    named_by: NamedBy = NamedBy.young_person,
    status: ConnectionStatus = ConnectionStatus.named,
    birthday: date | None = None,
) -> Connection:
    """A family member in the inner circle (Nan unless named otherwise)."""
    person = Connection(
        organisation_id=young_person.organisation_id,
        young_person_id=young_person.id,
        name=name,
        relationship_label="nan" if name == "Nan" else "someone_else",
        category=ConnectionCategory.family,
        named_by=named_by,
        closeness=Closeness.inner,
        birthday=birthday,
        status=status,
        status_changed_at=now,
        created_at=now,
    )
    session.add(person)
    await session.flush()
    return person
