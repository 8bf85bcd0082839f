"""Different chats side by side, one chat's updates in order (bot/chat_order.py).

Driven the way PTB's Application drives an update processor: one task per update, started
in the order the updates were queued.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from telegram import Chat, Message, Update, User

from bot.chat_order import PerChatOrder


def update(update_id: int, chat_id: int) -> Update:
    chat = Chat(id=chat_id, type=Chat.PRIVATE)
    user = User(id=chat_id, first_name="Sam", is_bot=False)
    message = Message(
        message_id=update_id, date=datetime(2026, 11, 23, tzinfo=UTC), chat=chat, from_user=user
    )
    return Update(update_id=update_id, message=message)


class Recorder:
    """Handles an update by waiting a little; notes when each started and ended."""

    def __init__(self) -> None:
        self.events: list[tuple[str, int, int]] = []  # (start|end, chat, update)
        self.running: dict[int, int] = {}
        self.overlaps_in_a_chat = 0
        self.most_at_once = 0

    async def handle(self, chat: int, update_id: int, seconds: float) -> None:
        self.events.append(("start", chat, update_id))
        if self.running.get(chat):
            self.overlaps_in_a_chat += 1
        self.running[chat] = self.running.get(chat, 0) + 1
        self.most_at_once = max(self.most_at_once, sum(self.running.values()))
        await asyncio.sleep(seconds)
        self.running[chat] -= 1
        self.events.append(("end", chat, update_id))


async def run_all(
    processor: PerChatOrder, recorder: Recorder, plan: list[tuple[int, int, float]]
) -> None:
    tasks = [
        asyncio.create_task(
            processor.process_update(update(uid, chat), recorder.handle(chat, uid, seconds))
        )
        for uid, chat, seconds in plan
    ]
    await asyncio.gather(*tasks)


async def test_one_chats_updates_run_one_at_a_time_in_the_order_they_came() -> None:
    processor, recorder = PerChatOrder(8), Recorder()
    # The first update of chat 1 is slow (say, waiting for the chat's next send slot).
    plan = [(1, 1, 0.05), (2, 1, 0.0), (3, 1, 0.01), (4, 1, 0.0)]
    await run_all(processor, recorder, plan)
    assert recorder.overlaps_in_a_chat == 0
    started = [uid for kind, _, uid in recorder.events if kind == "start"]
    assert started == [1, 2, 3, 4]
    assert processor.chats_in_hand == 0


async def test_other_chats_do_not_wait_for_a_slow_one() -> None:
    processor, recorder = PerChatOrder(8), Recorder()
    plan = [(1, 1, 0.2), (2, 1, 0.0), (3, 2, 0.0), (4, 3, 0.0), (5, 2, 0.0)]
    await run_all(processor, recorder, plan)
    ended = [uid for kind, _, uid in recorder.events if kind == "end"]
    # Chats 2 and 3 are done while chat 1's first update is still in hand; chat 1 keeps order.
    assert ended.index(3) < ended.index(1) and ended.index(4) < ended.index(1)
    assert ended.index(5) < ended.index(1)
    assert ended.index(1) < ended.index(2)
    assert recorder.overlaps_in_a_chat == 0


async def test_never_more_at_once_than_allowed_and_order_holds_under_pressure() -> None:
    processor, recorder = PerChatOrder(3), Recorder()
    plan = [(uid, uid % 5, 0.001 * (uid % 3)) for uid in range(1, 101)]
    await run_all(processor, recorder, plan)
    assert recorder.most_at_once <= 3
    assert recorder.overlaps_in_a_chat == 0
    for chat in range(5):
        started = [uid for kind, c, uid in recorder.events if kind == "start" and c == chat]
        assert started == sorted(started) and len(started) == 20
    assert processor.chats_in_hand == 0


async def test_a_failing_update_frees_its_chat_for_the_next() -> None:
    processor, recorder = PerChatOrder(4), Recorder()

    async def fails() -> None:
        raise RuntimeError("a handler broke")

    first = asyncio.create_task(processor.process_update(update(1, 7), fails()))
    second = asyncio.create_task(processor.process_update(update(2, 7), recorder.handle(7, 2, 0)))
    results = await asyncio.gather(first, second, return_exceptions=True)
    assert isinstance(results[0], RuntimeError)
    assert ("end", 7, 2) in recorder.events
    assert processor.chats_in_hand == 0
