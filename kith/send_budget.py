"""The bot's own sends take their slots from the same shared budget as the scheduler.

A python-telegram-bot rate limiter over `models.outbox.pace`: every message the bot sends (a reply
in a conversation included) takes a per-chat and an overall slot in the database, so
Telegram's limits hold across the bot and every scheduler process together. The scheduler
takes its slots itself (it defers a busy chat rather than wait) and marks its requests
`ALREADY_PACED`, so they are not counted twice.
"""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from models.core.clock import Clock, SystemClock
from models.core.db import without_waiting_for_disk
from models.outbox.pace import hold_back, take_overall_slot, take_slots
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
        self._per_second = per_second
        self._per_chat = per_chat_per_second
        self._wall = wall or SystemClock()

    async def initialize(self) -> None:
        """Nothing to open: the budget lives in the database."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def _wait_for(self, slot: datetime) -> None:
        delay = (slot - self._wall.now()).total_seconds()
        if delay > 0:
            await asyncio.sleep(delay)

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
        chat_slot, slot = self._wall.now(), None
        # One short transaction takes both slots when the chat is free now (almost always
        # for a reply); bookkeeping, so it does not wait for the disk (models/core/db.py).
        async with self._sessionmaker.begin() as session:
            await without_waiting_for_disk(session)
            if isinstance(chat_id, int):
                chat_slot, slot = await take_slots(
                    session=session,
                    now=self._wall.now(),
                    chat_id=chat_id,
                    per_chat_per_second=self._per_chat,
                    per_second=self._per_second,
                )
            else:
                slot = await take_overall_slot(
                    session=session, now=self._wall.now(), per_second=self._per_second
                )
        if slot is None:
            # This chat had a message a moment ago: wait for its turn, then for an overall slot.
            await self._wait_for(chat_slot)
            async with self._sessionmaker.begin() as session:
                await without_waiting_for_disk(session)
                slot = await take_overall_slot(
                    session=session, now=self._wall.now(), per_second=self._per_second
                )
        await self._wait_for(slot)
        try:
            return await callback(*args, **kwargs)
        except RetryAfter as exc:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # PTB 22: int now, timedelta later; both fine
                retry = exc.retry_after
            seconds = retry if isinstance(retry, int | float) else retry.total_seconds()
            async with self._sessionmaker.begin() as session:
                await hold_back(session=session, now=self._wall.now(), seconds=float(seconds))
            raise
