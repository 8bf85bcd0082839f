"""The shared send budget: slots evenly spaced overall and per chat, pushed back by a 429."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models.outbox.pace import forget_old_chats, hold_back, take_chat_slot, take_overall_slot

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def _close(a: timedelta, b: timedelta) -> bool:
    """Slots are float seconds in the database: equal to the microsecond."""
    return abs(a - b) <= timedelta(microseconds=2)


async def test_thirty_a_second_means_one_slot_every_thirtieth_of_a_second(
    session: AsyncSession,
) -> None:
    slots = [await take_overall_slot(session=session, now=T0, per_second=30) for _ in range(61)]
    assert slots[0] == T0
    assert _close(slots[30] - slots[0], timedelta(seconds=1))
    assert _close(slots[60] - slots[0], timedelta(seconds=2))


async def test_slots_taken_from_many_places_at_once_are_all_different(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    async def take() -> datetime:
        async with sessionmaker.begin() as session:
            return await take_overall_slot(session=session, now=T0, per_second=30)

    slots = await asyncio.gather(*(take() for _ in range(40)))
    assert len(set(slots)) == 40
    assert _close(max(slots) - min(slots), timedelta(seconds=39 / 30))


async def test_one_chat_gets_one_message_a_second_and_other_chats_are_not_held_up(
    session: AsyncSession,
) -> None:
    first = await take_chat_slot(session=session, now=T0, chat_id=1, per_second=1)
    second = await take_chat_slot(session=session, now=T0, chat_id=1, per_second=1)
    other = await take_chat_slot(session=session, now=T0, chat_id=2, per_second=1)
    assert (first, second, other) == (T0, T0 + timedelta(seconds=1), T0)


async def test_a_429_holds_every_sender_back(session: AsyncSession) -> None:
    await take_overall_slot(session=session, now=T0, per_second=30)
    await hold_back(session=session, now=T0, seconds=5)
    slot = await take_overall_slot(session=session, now=T0, per_second=30)
    assert slot == T0 + timedelta(seconds=5)


async def test_an_idle_budget_does_not_save_up_a_burst(session: AsyncSession) -> None:
    await take_overall_slot(session=session, now=T0, per_second=30)
    later = T0 + timedelta(minutes=5)
    assert await take_overall_slot(session=session, now=later, per_second=30) == later
    second = await take_overall_slot(session=session, now=later, per_second=30)
    assert second > later


async def test_old_chat_paces_are_forgotten(session: AsyncSession) -> None:
    await take_chat_slot(session=session, now=T0, chat_id=1, per_second=1)
    await take_overall_slot(session=session, now=T0, per_second=30)
    assert await forget_old_chats(session=session, now=T0 + timedelta(hours=2)) == 1


async def test_a_sender_that_stalled_may_catch_up_with_a_short_burst_only(
    session: AsyncSession,
) -> None:
    await take_overall_slot(session=session, now=T0, per_second=30, catch_up=0.5)
    later = T0 + timedelta(seconds=10)
    burst = [
        await take_overall_slot(session=session, now=later, per_second=30, catch_up=0.5)
        for _ in range(20)
    ]
    at_once = [slot for slot in burst if slot == later]
    assert len(at_once) == 16, "the slot due now, and half a second of unused ones at 30 a second"
    assert _close(burst[-1] - later, timedelta(seconds=4 / 30))
