"""Organisation isolation in one place: every lookup by id goes through here."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

T = TypeVar("T")


class NotFoundError(LookupError):
    """Missing, or belonging to another organisation: the two are told apart by nobody."""

    def __init__(self, entity: str, entity_id: object) -> None:
        self.entity = entity
        self.entity_id = entity_id
        super().__init__(f"{entity} {entity_id} not found")


def in_org(model: type[T], organisation_id: int) -> Select[T]:
    """`select(model)` already limited to one organisation."""
    column: Any = model.organisation_id  # type: ignore[attr-defined]
    return select(model).where(column == organisation_id)


async def get_in_org(
    session: AsyncSession, model: type[T], entity_id: int, organisation_id: int
) -> T:
    """The row with `entity_id` if it belongs to `organisation_id`, else NotFoundError."""
    id_column: Any = model.id  # type: ignore[attr-defined]
    row = await session.scalar(in_org(model, organisation_id).where(id_column == entity_id))
    if row is None:
        raise NotFoundError(model.__name__, entity_id)
    return row
