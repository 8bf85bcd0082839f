"""The 09:00 digest: working days only, each nudge told once, urgent ones never wait for it."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from models.clock import ManualClock
from models.digest import send_digests
from models.enums import NudgeKind, Urgency
from models.nudging import raise_nudge
from tests.scheduler.world import build_world, outbox

TZ = "Europe/London"


async def test_the_coordinator_gets_one_digest_of_what_needs_them(session: AsyncSession) -> None:
    clock = ManualClock(datetime(2026, 12, 24, 9, 0, tzinfo=UTC))  # Thursday
    world = await build_world(session, clock.now())
    for kind in (NudgeKind.checkin_missed, NudgeKind.review_due):
        await raise_nudge(
            session=session,
            now=clock.now(),
            organisation_id=world.org.id,
            kind=kind,
            young_person=world.sam,
        )
    await raise_nudge(
        session=session,
        now=clock.now(),
        organisation_id=world.org.id,
        kind=NudgeKind.checkin_missed,
        young_person=world.sam,
    )
    await raise_nudge(
        session=session,
        now=clock.now(),
        organisation_id=world.org.id,
        kind=NudgeKind.concern,
        young_person=world.sam,
        urgency=Urgency.urgent,
    )
    assert await send_digests(session=session, now=clock.now(), tz=TZ) == 1
    [digest] = await outbox(session, kind="digest")
    assert digest.chat_id == world.coordinator.telegram_chat_id
    assert digest.body.startswith("Good morning. 2 things need you today:")
    assert "Check-in missed — Sam" in digest.body and "URGENT" not in digest.body
    assert await send_digests(session=session, now=clock.now(), tz=TZ) == 0


async def test_no_digest_on_christmas_day_it_waits_for_the_next_working_day(
    session: AsyncSession,
) -> None:
    clock = ManualClock(datetime(2026, 12, 25, 9, 0, tzinfo=UTC))
    world = await build_world(session, clock.now())
    await raise_nudge(
        session=session,
        now=clock.now(),
        organisation_id=world.org.id,
        kind=NudgeKind.checkin_missed,
        young_person=world.sam,
    )
    assert await send_digests(session=session, now=clock.now(), tz=TZ) == 0
    clock.set(datetime(2026, 12, 28, 9, 0, tzinfo=UTC))  # Boxing Day substitute
    assert await send_digests(session=session, now=clock.now(), tz=TZ) == 0
    clock.set(datetime(2026, 12, 29, 9, 0, tzinfo=UTC))
    assert await send_digests(session=session, now=clock.now(), tz=TZ) == 1


async def test_a_nudge_with_no_coordinator_goes_to_the_managers(session: AsyncSession) -> None:
    clock = ManualClock(datetime(2026, 12, 24, 9, 0, tzinfo=UTC))
    world = await build_world(session, clock.now())
    world.sam.coordinator_id = None
    await raise_nudge(
        session=session,
        now=clock.now(),
        organisation_id=world.org.id,
        kind=NudgeKind.new_self_referral,
        young_person=world.sam,
    )
    assert await send_digests(session=session, now=clock.now(), tz=TZ) == 1
    [digest] = await outbox(session, kind="digest")
    assert digest.chat_id == world.manager.telegram_chat_id
