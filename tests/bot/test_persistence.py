"""Conversation state lives in our database, so a restart carries on mid-conversation."""

from __future__ import annotations

from bot.persistence import DatabasePersistence
from models.core.clock import ManualClock


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


async def test_what_one_update_changed_is_saved_together_when_it_ends(
    sessionmaker, clock: ManualClock
) -> None:
    persistence = DatabasePersistence(sessionmaker, clock)
    await persistence.update_chat_data(42, {"person": {"name": "Nan"}})
    async with persistence.one_transaction():
        await persistence.update_conversation("add_person", (42, 42), 12)
        await persistence.update_chat_data(42, {"person": {"name": "Nan", "relationship": "x"}})
        await persistence.drop_chat_data(43)
        meanwhile = DatabasePersistence(sessionmaker, clock)
        assert await meanwhile.get_conversations("add_person") == {}
        assert await meanwhile.get_chat_data() == {42: {"person": {"name": "Nan"}}}

    after = DatabasePersistence(sessionmaker, clock)
    assert await after.get_conversations("add_person") == {(42, 42): 12}
    assert await after.get_chat_data() == {42: {"person": {"name": "Nan", "relationship": "x"}}}
