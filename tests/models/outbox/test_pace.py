"""The shared send budget: never more than the limit in any window, never two messages to one
chat within a second, nothing saved up for a burst, and a 429 pause every sender sees."""

from __future__ import annotations

import asyncio
import itertools

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models.outbox.pace import (
    Pace,
    Turn,
    Wait,
    answered,
    ensure_slots,
    forget_old_chats,
    hold_back,
    take_turn,
    waiting_for,
)

T0 = 1_780_000_000.0
PACE = Pace(per_second=30)


async def _turn(
    session: AsyncSession, now: float, chat_id: int | None = None, pace: Pace = PACE
) -> Wait | None:
    """One send's turn, as the last look takes it: committed when taken, else rolled back;
    Telegram answers at once."""
    turn = await _take(session, now, chat_id, pace)
    if isinstance(turn, Wait):
        return turn
    await answered(session=session, turn=turn, at=now)
    await session.commit()
    return None


async def _take(
    session: AsyncSession, now: float, chat_id: int | None = None, pace: Pace = PACE
) -> Turn | Wait:
    turn = await waiting_for(session=session, now=now, chat_id=chat_id) or await take_turn(
        session=session, now=now, chat_id=chat_id, pace=pace
    )
    if isinstance(turn, Turn):
        await session.commit()
    else:
        await session.rollback()
    return turn


async def _sends(session: AsyncSession, start: float, seconds: float, step: float) -> list[float]:
    """Try to send every `step` seconds for `seconds`: the moments a turn was taken."""
    await ensure_slots(session=session, pace=PACE)
    taken = []
    for n in range(int(seconds / step)):
        now = start + n * step
        if await _turn(session, now) is None:
            taken.append(now)
    return taken


def _most_in_a_second(moments: list[float]) -> int:
    return max(sum(1 for m in moments if start <= m < start + 1) for start in moments)


async def test_never_more_than_thirty_in_any_second_even_when_asked_for_more(
    session: AsyncSession,
) -> None:
    taken = await _sends(session, T0, seconds=5, step=0.005)  # 200 tries a second
    assert _most_in_a_second(taken) <= 30
    assert len(taken) >= 5 * 30 / (1 + PACE.window_margin) - 2, "yet the full rate is used"


async def test_slow_requests_never_crowd_a_second_at_telegrams_end(
    session: AsyncSession,
) -> None:
    """Telegram sees each message somewhere between its take and its answer; a window runs
    from the answer, so however the requests are delayed on the way, no second holds more."""
    await ensure_slots(session=session, pace=PACE)
    seen, answers, now, n = [], {}, T0, 0
    while now < T0 + 6:
        turn = await _take(session, now)
        if isinstance(turn, Turn):
            delay = (n * 37 % 100) / 1000  # 0 to 99 ms on the way, different every time
            assert turn.slot not in answers or now >= answers[turn.slot] + 1.0
            answers[turn.slot] = now + delay
            await answered(session=session, turn=turn, at=now + delay)
            await session.commit()
            # The worst case: a fast request right behind slow ones.
            seen.append(now + delay if n % 2 else now)
            n += 1
        now += 0.004
    assert _most_in_a_second(sorted(seen)) <= 30
    assert len(seen) >= 6 * 30 / (1 + PACE.window_margin + 0.1) - 2, "yet the rate holds up"


async def test_no_burst_at_start_sends_are_spread_over_the_second(
    session: AsyncSession,
) -> None:
    taken = await _sends(session, T0, seconds=1, step=0.001)
    gaps = [b - a for a, b in itertools.pairwise(taken)]
    assert min(gaps) >= PACE.gap - 1e-9
    assert len([m for m in taken if m < T0 + 0.25]) <= 16, "spread over half a second at least"


async def test_a_sender_that_fell_behind_catches_up_without_passing_the_limit(
    session: AsyncSession,
) -> None:
    first = await _sends(session, T0, seconds=1, step=0.033)
    late = await _sends(session, T0 + 3, seconds=2, step=0.001)
    assert _most_in_a_second(first + late) <= 30
    assert len(late) >= 2 * 29


async def test_one_chat_gets_one_message_a_second_and_other_chats_are_not_held_up(
    session: AsyncSession,
) -> None:
    await ensure_slots(session=session, pace=PACE)
    assert await _turn(session, T0, chat_id=1) is None
    held = await _turn(session, T0 + 0.5, chat_id=1)
    assert held is not None and held.why == "chat" and abs(held.seconds - 0.6) < 1e-6
    assert await _turn(session, T0 + 0.5, chat_id=2) is None
    assert await _turn(session, T0 + 1.1, chat_id=1) is None


async def test_turns_taken_from_many_places_at_once_never_pass_the_limit(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    async with sessionmaker.begin() as session:
        await ensure_slots(session=session, pace=PACE)

    async def sender(offset: float) -> list[float]:
        taken = []
        for n in range(100):
            now = T0 + offset + n * 0.01
            async with sessionmaker() as session:
                if await _turn(session, now) is None:
                    taken.append(now)
        return taken

    everyone = await asyncio.gather(*(sender(k * 0.002) for k in range(4)))
    moments = sorted(m for taken in everyone for m in taken)
    assert _most_in_a_second(moments) <= 30


async def test_a_429_holds_every_sender_back_until_it_ends(session: AsyncSession) -> None:
    await ensure_slots(session=session, pace=PACE)
    await hold_back(session=session, now=T0, seconds=5)
    await session.commit()
    held = await _turn(session, T0 + 1, chat_id=3)
    assert held is not None and held.why == "paused" and abs(held.seconds - 4) < 1e-6
    assert await _turn(session, T0 + 5.01, chat_id=3) is None


async def test_old_chat_paces_are_forgotten(session: AsyncSession) -> None:
    await ensure_slots(session=session, pace=PACE)
    assert await _turn(session, T0, chat_id=1) is None
    await hold_back(session=session, now=T0, seconds=1)
    assert await forget_old_chats(session=session, now=T0 + 7200) == 1
