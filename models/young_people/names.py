"""The names young people like to be called, for lists that show many of them at once."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models.young_people.young_person import YoungPerson


async def preferred_names(*, session: AsyncSession, ids: Iterable[int]) -> dict[int, str]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = await session.execute(
        select(YoungPerson.id, YoungPerson.preferred_name).where(YoungPerson.id.in_(wanted))
    )
    return {yp_id: name for yp_id, name in rows}
