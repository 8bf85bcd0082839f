"""The rules under contention, straight against the database (no app in between): sessions of
their own, in flight at once, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pyotp

from models.core.enums import Role
from models.staff.throttling import REFUSE_AFTER_PER_ACCOUNT, count_attempt, give_back_attempt
from models.staff.totp import start_enrolment, use_code
from models.staff.user import User
from tests.support import factories


async def _cara(sessionmaker, now) -> tuple[int, pyotp.TOTP]:
    async with sessionmaker() as session:
        north = await factories.organisation(session, now)
        cara = await factories.user(session, now, north, Role.coordinator, "cara@example.org")
        start_enrolment(user=cara)
        secret = cara.totp_secret
        await session.commit()
    assert secret is not None
    return cara.id, pyotp.TOTP(secret)


async def test_six_sessions_using_one_code_at_once_let_exactly_one_in(sessionmaker, clock):
    now = clock.now()
    cara_id, totp = await _cara(sessionmaker, now)

    async def attempt() -> bool:
        async with sessionmaker() as session:
            cara = await session.get_one(User, cara_id)
            used = await use_code(session=session, user=cara, code=totp.at(now), now=now)
            await session.commit()
            return used

    results = await asyncio.gather(*(attempt() for _ in range(6)))
    assert results.count(True) == 1
    async with sessionmaker() as session:
        cara = await session.get_one(User, cara_id)
        assert cara.totp_enrolled_at is not None
        # Once used, the code and every earlier one stay refused; the next step's works.
        assert not await use_code(session=session, user=cara, code=totp.at(now), now=now)
        later = now + timedelta(seconds=30)
        assert await use_code(session=session, user=cara, code=totp.at(later), now=later)


async def test_counting_in_parallel_refuses_exactly_the_attempts_past_the_limit(
    sessionmaker, clock
):
    now = clock.now()

    async def attempt(n: int) -> bool:
        async with sessionmaker() as session:
            throttle = await count_attempt(
                session=session, now=now, email="Cara@example.org ", address=f"10.0.0.{n}"
            )
            await session.commit()
            return throttle.refused

    refused = await asyncio.gather(*(attempt(n) for n in range(15)))
    assert refused.count(False) == REFUSE_AFTER_PER_ACCOUNT

    async with sessionmaker() as session:
        # The window runs from the first failure; after it, a fresh count.
        later = now + timedelta(minutes=15, seconds=1)
        fresh = await count_attempt(
            session=session, now=later, email="cara@example.org", address="10.0.0.1"
        )
        assert (fresh.refused, fresh.failures) == (False, 1)
        await give_back_attempt(
            session=session, now=later, email="cara@example.org", address="10.0.0.1"
        )
        again = await count_attempt(
            session=session, now=later, email="cara@example.org", address="10.0.0.1"
        )
        assert again.failures == 1
        await session.commit()
