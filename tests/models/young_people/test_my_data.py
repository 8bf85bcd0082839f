"""/mydata: what is held about Sam, a rights request answered within a month, deletion."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import RightsRequest
from models.core.clock import ManualClock
from models.core.enums import RightsKind, TellKind
from models.young_people.my_data import (
    delete_bot_data,
    held_about,
    request_rights,
    tell_coordinator,
)
from tests.support.scheduler_world import build_world


async def test_mydata_delete_and_tell(session: AsyncSession, clock: ManualClock) -> None:
    world = await build_world(session, clock.now())
    sam = world.sam
    await tell_coordinator(
        session=session,
        now=clock.now(),
        young_person=sam,
        kind=TellKind.good_news,
        text="I got into college!",
    )
    held = await held_about(session=session, young_person=sam)
    assert (held.preferred_name, held.messages_to_coordinator) == ("Sam", 1)
    request = await request_rights(
        session=session, now=clock.now(), young_person=sam, kind=RightsKind.deletion
    )
    assert request.due_by == datetime(2026, 4, 2, 10, 0, tzinfo=UTC)
    await delete_bot_data(session=session, now=clock.now(), young_person=sam, chat_id=5001)
    assert sam.telegram_chat_id is None
    assert len(list(await session.scalars(select(RightsRequest)))) == 1
