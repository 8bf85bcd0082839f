"""Sam's check-in answers tell her coordinator when things are low, falling, or not happening."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Commitment, Nudge
from models.checkins.answers import (
    CheckInClosedError,
    finish_checkin,
    open_checkin,
    plan_commitments,
    record_commitment_answer,
    record_wellbeing,
    worrying_wellbeing,
)
from models.checkins.checkin import CheckIn
from models.core.clock import ManualClock
from models.core.enums import (
    CheckInState,
    CommitmentAnswerValue,
    CommitmentWho,
    Frequency,
    NudgeKind,
    NudgeState,
)
from tests.support.plan_world import sent_checkins
from tests.support.scheduler_world import World, build_world, hold_conference


async def _raised(session: AsyncSession) -> dict[int, int]:
    rows = await session.execute(
        select(Nudge.id, Nudge.occurrences).execution_options(populate_existing=True)
    )
    return {nudge_id: occurrences for nudge_id, occurrences in rows.all()}


async def _answer(
    session: AsyncSession,
    world: World,
    checkin: CheckIn,
    now: datetime,
    wellbeing: int,
    commitment: Commitment | None = None,
    value: CommitmentAnswerValue | None = None,
) -> list[Nudge]:
    """Sam answers a check-in through the bot's steps; the nudges it raised (or raised again)."""
    before = await _raised(session)
    checkin.state = CheckInState.sent
    opened = await open_checkin(session=session, young_person=world.sam, checkin_id=checkin.id)
    await record_wellbeing(
        session=session, now=now, young_person=world.sam, checkin=opened, value=wellbeing
    )
    if commitment is not None and value is not None:
        await record_commitment_answer(
            session=session,
            now=now,
            young_person=world.sam,
            checkin=opened,
            commitment_id=commitment.id,
            answer=value,
        )
    await finish_checkin(
        session=session,
        now=now,
        young_person=world.sam,
        checkin=opened,
        free_text=None,
        wants_contact=False,
    )
    after = await _raised(session)
    changed = sorted(i for i, n in after.items() if before.get(i) != n)
    return [await session.get_one(Nudge, i) for i in changed]


@pytest.mark.parametrize(
    ("value", "before", "worrying"),
    [
        (2, [], True),  # low, first time
        (1, [1, 1], True),  # low, however it got there
        (3, [5], True),  # down two since last time
        (3, [4], False),  # down one
        (3, [4, 5], True),  # lower at each of the last two check-ins
        (3, [4, 4], False),  # down one, after a steady spell
        (4, [4, 5], False),  # steady
        (5, [3, 1], False),  # rising
    ],
)
def test_which_wellbeing_is_worth_a_look(value: int, before: list[int], worrying: bool) -> None:
    assert worrying_wellbeing(value, before) is worrying


async def test_wellbeing_of_two_or_less_nudges(session: AsyncSession, clock: ManualClock) -> None:
    world = await build_world(session, clock.now())
    checkins = await hold_conference(session, clock.now(), world.sam)
    [nudge] = await _answer(session, world, checkins[0], clock.now(), 2)
    assert nudge.kind == NudgeKind.low_wellbeing
    assert nudge.detail == f"check-in {checkins[0].label}: wellbeing 2 (of 5)"


async def test_wellbeing_falling_over_two_check_ins_nudges_and_stays_one_nudge(
    session: AsyncSession, clock: ManualClock
) -> None:
    world = await build_world(session, clock.now())
    checkins = await hold_conference(session, clock.now(), world.sam)
    assert await _answer(session, world, checkins[0], clock.now(), 5) == []
    assert await _answer(session, world, checkins[1], clock.now(), 4) == []
    [nudge] = await _answer(session, world, checkins[2], clock.now(), 3)
    assert nudge.kind == NudgeKind.low_wellbeing
    assert nudge.detail == f"check-in {checkins[2].label}: wellbeing 5 → 4 → 3 (of 5)"
    [again] = await _answer(session, world, checkins[3], clock.now(), 1)
    assert again.id == nudge.id and again.occurrences == 2
    assert again.state == NudgeState.open


async def test_wellbeing_down_two_since_last_time_nudges(
    session: AsyncSession, clock: ManualClock
) -> None:
    world = await build_world(session, clock.now())
    checkins = await hold_conference(session, clock.now(), world.sam)
    assert await _answer(session, world, checkins[0], clock.now(), 5) == []
    [nudge] = await _answer(session, world, checkins[1], clock.now(), 3)
    assert nudge.kind == NudgeKind.low_wellbeing


async def test_a_commitment_not_yet_twice_nudges(session: AsyncSession, clock: ManualClock) -> None:
    world = await build_world(session, clock.now())
    checkins = await hold_conference(session, clock.now(), world.sam)
    call = Commitment(
        organisation_id=world.org.id,
        meeting_id=checkins[0].meeting_id,
        young_person_id=world.sam.id,
        who=CommitmentWho.coordinator,
        what="Call monthly",
        frequency=Frequency.monthly,
        created_at=clock.now(),
    )
    session.add(call)
    await session.flush()
    not_yet = CommitmentAnswerValue.not_yet
    assert await _answer(session, world, checkins[0], clock.now(), 4, call, not_yet) == []
    nudges = await _answer(session, world, checkins[1], clock.now(), 4, call, not_yet)
    assert [n.kind for n in nudges] == [NudgeKind.commitment_not_yet]


async def test_falling_wellbeing_and_not_yet_twice_nudge(
    session: AsyncSession, clock: ManualClock
) -> None:
    world = await build_world(session, clock.now())
    sam = world.sam
    commitment, (first, second) = await sent_checkins(session, clock.now(), sam)
    assert [
        c.id for c, _ in await plan_commitments(session=session, young_person=sam, checkin=first)
    ] == [commitment.id]
    for checkin, wellbeing in ((first, 5), (second, 3)):
        opened = await open_checkin(session=session, young_person=sam, checkin_id=checkin.id)
        await record_wellbeing(
            session=session, now=clock.now(), young_person=sam, checkin=opened, value=wellbeing
        )
        await record_commitment_answer(
            session=session,
            now=clock.now(),
            young_person=sam,
            checkin=opened,
            commitment_id=commitment.id,
            answer=CommitmentAnswerValue.not_yet,
        )
        await finish_checkin(
            session=session,
            now=clock.now(),
            young_person=sam,
            checkin=opened,
            free_text=None,
            wants_contact=False,
        )
    kinds = sorted(await session.scalars(select(Nudge.kind)))
    assert kinds == [NudgeKind.commitment_not_yet, NudgeKind.low_wellbeing]
    with pytest.raises(CheckInClosedError):
        await open_checkin(session=session, young_person=sam, checkin_id=first.id)
