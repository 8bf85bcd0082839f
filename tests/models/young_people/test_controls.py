"""Sam's own controls: /stop cancels what was waiting and tells her coordinator; /pause."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Nudge, OutboundMessage
from models.core.clock import ManualClock
from models.core.enums import NudgeKind, OutboxState
from models.outbox.sending import enqueue_message
from models.young_people.controls import pause_checkins, stop_messages
from tests.support.scheduler_world import build_world


async def test_stop_cancels_pending_messages_and_tells_the_coordinator(
    session: AsyncSession, clock: ManualClock
) -> None:
    world = await build_world(session, clock.now())
    org, sam = world.org, world.sam
    await enqueue_message(
        session=session,
        organisation_id=org.id,
        chat_id=sam.telegram_chat_id,
        kind="reminder",
        body="Hi",
        now=clock.now(),
        young_person_id=sam.id,
    )
    await stop_messages(session=session, now=clock.now(), young_person=sam)
    assert list(await session.scalars(select(OutboundMessage.state))) == [OutboxState.cancelled]
    assert list(await session.scalars(select(Nudge.kind))) == [NudgeKind.stopped]
    until = pause_checkins(now=clock.now(), young_person=sam, weeks=2)
    assert until == clock.now() + timedelta(weeks=2)
