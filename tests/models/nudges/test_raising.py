"""Nudges: one open per kind and young person; urgent ones reach coordinator and manager."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from models import Nudge, OutboundMessage
from models.core.enums import NudgeKind, NudgeState, Role, Urgency
from models.nudges.raising import raise_nudge, resolve_nudge
from tests.support import factories


async def _team(session, clock):
    org = await factories.organisation(session, clock.now())
    manager = await factories.user(session, clock.now(), org, Role.manager)
    coordinator = await factories.user(session, clock.now(), org, manager_id=manager.id)
    coordinator.telegram_chat_id, manager.telegram_chat_id = 5001, 5002
    sam = await factories.young_person(session, clock.now(), org, coordinator=coordinator)
    return org, coordinator, manager, sam


async def test_the_same_kind_twice_is_one_open_nudge(session, clock):
    _, _, _, sam = await _team(session, clock)
    first = await raise_nudge(
        session=session,
        now=clock.now(),
        kind=NudgeKind.checkin_missed,
        young_person=sam,
    )
    clock.advance(timedelta(days=1))
    second = await raise_nudge(
        session=session,
        now=clock.now(),
        kind=NudgeKind.checkin_missed,
        young_person=sam,
    )
    assert first.id == second.id and second.occurrences == 2
    count = await session.scalar(select(func.count()).select_from(Nudge))
    assert count == 1
    # Normal nudges wait for the digest: nothing goes to Telegram at once.
    assert await session.scalar(select(func.count()).select_from(OutboundMessage)) == 0


async def test_a_concern_goes_to_coordinator_and_manager_at_once(session, clock):
    _, coordinator, manager, sam = await _team(session, clock)
    nudge = await raise_nudge(
        session=session,
        now=clock.now(),
        kind=NudgeKind.concern,
        young_person=sam,
        urgency=Urgency.urgent,
        detail="[unsafe] i am not safe",
    )
    sent = (await session.scalars(select(OutboundMessage).order_by(OutboundMessage.id))).all()
    assert [m.chat_id for m in sent] == [5001, 5002]
    assert [m.user_id for m in sent] == [coordinator.id, manager.id]
    assert all(not m.respects_quiet_hours for m in sent)
    # The young person's own words stay out of the phone notification.
    assert all("not safe" not in m.body for m in sent)
    assert nudge.detail == "[unsafe] i am not safe"


async def test_only_a_person_resolves_and_a_new_one_can_open_after(session, clock):
    _, coordinator, _, sam = await _team(session, clock)
    nudge = await raise_nudge(
        session=session,
        now=clock.now(),
        kind=NudgeKind.told,
        young_person=sam,
    )
    resolve_nudge(nudge=nudge, by_user_id=coordinator.id, now=clock.now())
    await session.flush()
    assert nudge.state == NudgeState.resolved and nudge.resolved_by == coordinator.id
    again = await raise_nudge(
        session=session,
        now=clock.now(),
        kind=NudgeKind.told,
        young_person=sam,
    )
    assert again.id != nudge.id
