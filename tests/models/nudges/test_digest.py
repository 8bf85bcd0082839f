"""The 09:00 digest: working days only, each nudge told once, urgent ones never wait for it;
a digest missed while Kith was down goes when it is back that morning."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from models.core.clock import ManualClock
from models.core.enums import NudgeKind, Urgency
from models.nudges.digest import digest_owed, send_digests
from models.nudges.raising import raise_nudge
from tests.support.scheduler_world import build_world, outbox

TZ = "Europe/London"


async def test_the_coordinator_gets_one_digest_of_what_needs_them(session: AsyncSession) -> None:
    clock = ManualClock(datetime(2026, 12, 24, 9, 0, tzinfo=UTC))  # Thursday
    world = await build_world(session, clock.now())
    for kind in (NudgeKind.checkin_missed, NudgeKind.review_due):
        await raise_nudge(
            session=session,
            now=clock.now(),
            kind=kind,
            young_person=world.sam,
        )
    await raise_nudge(
        session=session,
        now=clock.now(),
        kind=NudgeKind.checkin_missed,
        young_person=world.sam,
    )
    await raise_nudge(
        session=session,
        now=clock.now(),
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
        kind=NudgeKind.new_self_referral,
        young_person=world.sam,
    )
    assert await send_digests(session=session, now=clock.now(), tz=TZ) == 1
    [digest] = await outbox(session, kind="digest")
    assert digest.chat_id == world.manager.telegram_chat_id


async def test_a_digest_missed_while_kith_was_down_is_owed_that_morning_only(
    session: AsyncSession,
) -> None:
    monday = datetime(2026, 11, 23, tzinfo=UTC)  # GMT: 09:00 in London is 09:00 UTC

    async def owed(hour: int, minute: int = 0, day: datetime = monday) -> bool:
        now = day.replace(hour=hour, minute=minute)
        return await digest_owed(session=session, now=now, tz=TZ, hour=9)

    world = await build_world(session, monday)
    assert not await owed(8, 59)  # not yet due: the 09:00 tick will send it
    assert await owed(9, 40)  # Kith came back at 09:40: still owed
    assert await owed(11, 59)
    assert not await owed(12, 0)  # past the morning: the nudges wait for tomorrow's
    assert not await owed(10, day=datetime(2026, 11, 22, tzinfo=UTC))  # Sunday
    assert not await owed(10, day=datetime(2026, 12, 25, tzinfo=UTC))  # Christmas Day

    # Once a digest went out this morning, a restart does not send a second one.
    await raise_nudge(
        session=session,
        now=monday.replace(hour=8),
        kind=NudgeKind.checkin_missed,
        young_person=world.sam,
    )
    assert await send_digests(session=session, now=monday.replace(hour=9, minute=40), tz=TZ) == 1
    assert not await owed(10)
    # Yesterday's digest does not count for today.
    assert await owed(9, 30, day=datetime(2026, 11, 24, tzinfo=UTC))
