"""The bot's own sends take their slots from the same shared budget as the scheduler.

A python-telegram-bot rate limiter over `models.outbox.pace`: every message the bot sends (a reply
in a conversation included) takes its chat's turn and an overall slot in the database at the
moment it goes, so Telegram's limits hold across the bot and every scheduler process
together, and waits out a 429 pause any of them saw. The scheduler takes its turns itself (in
its last look before sending) and marks its requests `ALREADY_PACED`, so they are not
counted twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import warnings
from collections.abc import Callable, Coroutine
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from models.core.clock import Clock, SystemClock
from models.core.db import without_waiting_for_disk
from models.outbox.pace import Pace, Turn, Wait, answered, hold_back, take_turn, waiting_for
from scheduler.telegram_sender import ALREADY_PACED

JSONDict = dict[str, Any]
COUNTED_BESIDES_SEND = frozenset({"copyMessage", "copyMessages", "forwardMessage"})


def counts_as_a_message(endpoint: str) -> bool:
    return endpoint.startswith("send") or endpoint in COUNTED_BESIDES_SEND


class SharedSendBudget(BaseRateLimiter[str]):
    def __init__(
        self,
        *,
        sessionmaker: async_sessionmaker[AsyncSession],
        per_second: float,
        per_chat_per_second: float,
        wall: Clock | None = None,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._pace = Pace(per_second=per_second, per_chat_per_second=per_chat_per_second)
        self._wall = wall or SystemClock()

    async def initialize(self) -> None:
        """Nothing to open: the budget lives in the database."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def _take(self, chat_id: int | None) -> Turn | Wait:
        # Bookkeeping, so it does not wait for the disk (models/core/db.py).
        async with self._sessionmaker() as session:
            await without_waiting_for_disk(session)
            now = self._wall.now().timestamp()
            held = await waiting_for(session=session, now=now, chat_id=chat_id)
            turn = held or await take_turn(
                session=session, now=now, chat_id=chat_id, pace=self._pace
            )
            if isinstance(turn, Turn):
                await session.commit()
            else:
                await session.rollback()
            return turn

    async def _answered(self, turn: Turn) -> None:
        async with self._sessionmaker.begin() as session:
            await without_waiting_for_disk(session)
            await answered(session=session, turn=turn, at=self._wall.now().timestamp())

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: str | None,
    ) -> bool | JSONDict | list[JSONDict]:
        if rate_limit_args == ALREADY_PACED or not counts_as_a_message(endpoint):
            return await callback(*args, **kwargs)
        chat_id = data.get("chat_id")
        # Wait for this chat's turn (a reply right after another) and an overall slot,
        # taken at the moment of sending like the scheduler's.
        chat = chat_id if isinstance(chat_id, int) else None
        while isinstance(turn := await self._take(chat), Wait):  # noqa: ASYNC110 (a database turn)
            await asyncio.sleep(turn.seconds)
        try:
            return await callback(*args, **kwargs)
        except RetryAfter as exc:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # PTB 22: int now, timedelta later; both fine
                retry = exc.retry_after
            seconds = retry if isinstance(retry, int | float) else retry.total_seconds()
            async with self._sessionmaker.begin() as session:
                await hold_back(
                    session=session, now=self._wall.now().timestamp(), seconds=float(seconds)
                )
            raise
        finally:
            # Telegram has answered (or the request gave up): the slot's next window starts
            # now. Should this fail, the window runs from the take, as it would have anyway.
            with contextlib.suppress(Exception):
                await self._answered(turn)
