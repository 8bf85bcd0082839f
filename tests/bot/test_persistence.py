"""Conversation state lives in our database, so a restart carries on mid-conversation."""

from __future__ import annotations

from bot.persistence import DatabasePersistence
from models.clock import ManualClock


async def test_conversations_and_chat_data_survive_a_new_persistence(
    sessionmaker, clock: ManualClock
) -> None:
    first = DatabasePersistence(sessionmaker, clock)
    await first.update_conversation("add_person", (42, 42), 12)
    await first.update_conversation("add_person", (43, 43), 11)
    await first.update_chat_data(42, {"lang": "en", "person": {"name": "<3 Nan"}})

    restarted = DatabasePersistence(sessionmaker, clock)
    assert await restarted.get_conversations("add_person") == {(42, 42): 12, (43, 43): 11}
    assert await restarted.get_chat_data() == {42: {"lang": "en", "person": {"name": "<3 Nan"}}}

    await restarted.update_conversation("add_person", (43, 43), None)
    await restarted.update_conversation("add_person", (42, 42), 13)
    await restarted.drop_chat_data(42)
    again = DatabasePersistence(sessionmaker, clock)
    assert await again.get_conversations("add_person") == {(42, 42): 13}
    assert await again.get_chat_data() == {}
    assert await again.get_conversations("welcome") == {}
