"""Different chats' updates are handled side by side; one chat's updates one at a time, in order.

PTB's ConversationHandler needs a chat's updates in the order they came (PITFALLS.md), but
nothing ties one young person's chat to another's. Handled strictly one at a time, every
chat waits while any one chat waits: for the database, for a Bot API call, or for its own
turn under Telegram's one-message-a-second limit in a chat (kith/send_budget.py sleeps until
the slot). Here an update waits only for the updates of its own chat that came before it.

Order holds because PTB starts one task per update in the order they were queued, each task
reaches `do_process_update` without yielding when the semaphore is free, and asyncio's locks
and semaphores wake their waiters first come, first served.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# Updates without a chat (none that Kith handles today) share one queue.
NO_CHAT = 0


def chat_of(update: object) -> int:
    if isinstance(update, Update) and update.effective_chat is not None:
        return update.effective_chat.id
    return NO_CHAT


class PerChatOrder(BaseUpdateProcessor):
    """At most `max_concurrent_updates` at once, never two of the same chat."""

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        # chat id -> (lock, updates holding or waiting for it); dropped when nobody is.
        self._chats: dict[int, tuple[asyncio.Lock, int]] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = chat_of(update)
        lock, users = self._chats.get(chat, (asyncio.Lock(), 0))
        self._chats[chat] = (lock, users + 1)
        try:
            async with lock:
                await coroutine
        finally:
            lock, users = self._chats[chat]
            if users == 1:
                del self._chats[chat]
            else:
                self._chats[chat] = (lock, users - 1)

    @property
    def chats_in_hand(self) -> int:
        """Chats with an update being handled or waiting (for tests and metrics)."""
        return len(self._chats)

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close: PTB waits for the updates in hand before it stops."""
