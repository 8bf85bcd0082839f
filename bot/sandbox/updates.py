"""Updates waiting for the bot: fetched by getUpdates (long poll) or pushed to a webhook.

An update stays until confirmed: by a later getUpdates `offset`, or by a 2xx webhook answer.
So a poll whose connection died loses nothing, as with Telegram.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from bot.sandbox.errors import ApiError

log = logging.getLogger("kith.sandbox")

DEFAULT_ALLOWED = frozenset(
    {
        "message",
        "edited_message",
        "callback_query",
        "my_chat_member",
        "channel_post",
        "edited_channel_post",
        "inline_query",
        "chosen_inline_result",
        "shipping_query",
        "pre_checkout_query",
        "poll",
        "poll_answer",
        "chat_join_request",
    }
)
TERMINATED = ApiError(
    409,
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running",
)
WEBHOOK_ACTIVE = ApiError(
    409,
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first",
)


@dataclass
class Webhook:
    url: str
    secret_token: str | None
    last_error_date: int | None = None
    last_error_message: str | None = None


@dataclass
class UpdateLog:
    pending: list[dict[str, Any]] = field(default_factory=list)
    allowed: frozenset[str] = DEFAULT_ALLOWED
    webhook: Webhook | None = None
    retry_first: float = 0.05
    retry_max: float = 2.0
    on_change: Callable[[], None] = lambda: None
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _arrived: asyncio.Event = field(default_factory=asyncio.Event)
    _poll_generation: int = 0
    _closing: bool = False
    _delivery: asyncio.Task[None] | None = None

    def push(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": next(self._ids), kind: payload}
        self.pending.append(update)
        self._wake()
        return update

    def _wake(self) -> None:
        self._arrived.set()
        self._arrived = asyncio.Event()

    def confirm_below(self, offset: int) -> None:
        before = len(self.pending)
        self.pending = [u for u in self.pending if u["update_id"] >= offset]
        if len(self.pending) != before:
            self.on_change()

    def drop_all(self) -> None:
        self.pending.clear()

    def _visible(self, limit: int) -> list[dict[str, Any]]:
        allowed = [u for u in self.pending if _kind(u) in self.allowed]
        return allowed[:limit]

    async def get(
        self, *, offset: int | None, limit: int, wait: float, allowed: list[str] | None
    ) -> list[dict[str, Any]]:
        """getUpdates: confirm below `offset`, then answer at once or when one arrives."""
        if self.webhook is not None:
            raise WEBHOOK_ACTIVE
        self._poll_generation += 1
        generation = self._poll_generation
        self._wake()  # an older poll still waiting is now terminated
        if allowed is not None:
            self.allowed = frozenset(allowed) if allowed else DEFAULT_ALLOWED
        if offset is not None:
            if offset < 0:
                self.pending = self.pending[offset:]
            else:
                self.confirm_below(offset)
        deadline = time.monotonic() + wait
        while True:
            found = self._visible(limit)
            if found or self._closing:
                return found
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return []
            arrived = self._arrived
            try:
                await asyncio.wait_for(arrived.wait(), remaining)
            except TimeoutError:
                return []
            if generation != self._poll_generation:
                raise TERMINATED

    # Webhook delivery -----------------------------------------------------------------

    def set_webhook(self, webhook: Webhook | None) -> None:
        self.webhook = webhook
        if self._delivery is not None:
            self._delivery.cancel()
            self._delivery = None
        if webhook is not None:
            self._delivery = asyncio.get_running_loop().create_task(self._deliver(webhook))
        self._wake()

    async def _deliver(self, webhook: Webhook) -> None:
        """POST each update in order; retry on a non-2xx answer or a failed connection."""
        headers = {"Content-Type": "application/json"}
        if webhook.secret_token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = webhook.secret_token
        backoff = self.retry_first
        async with httpx.AsyncClient(timeout=10) as client:
            while not self._closing:
                visible = self._visible(1)
                if not visible:
                    await self._arrived.wait()
                    continue
                update = visible[0]
                try:
                    answer = await client.post(webhook.url, json=update, headers=headers)
                    failure = None if answer.is_success else _wrong_response(answer)
                except httpx.HTTPError as exc:
                    failure = f"Connection failed: {type(exc).__name__}"
                if failure is None:
                    self.pending = [u for u in self.pending if u is not update]
                    self.on_change()
                    backoff = self.retry_first
                    continue
                webhook.last_error_date = int(time.time())
                webhook.last_error_message = failure
                log.info("sandbox webhook delivery failed (%s); retrying", failure)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, self.retry_max)

    async def close(self) -> None:
        self._closing = True
        self._wake()
        if self._delivery is not None:
            self._delivery.cancel()
            await asyncio.gather(self._delivery, return_exceptions=True)


def _kind(update: dict[str, Any]) -> str:
    return next(key for key in update if key != "update_id")


def _wrong_response(answer: httpx.Response) -> str:
    return f"Wrong response from the webhook: {answer.status_code} {answer.reason_phrase}"
