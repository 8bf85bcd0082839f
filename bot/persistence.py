"""Conversation state in our own database (not a pickle), so a restart carries on mid-chat.

Only conversations and chat_data are kept (bot_data holds live objects, user_data is unused).
Values are JSON; the application writes through after every update (`bot.application`), so
a crash loses at most the update being handled.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import BasePersistence, PersistenceInput
from telegram.ext._utils.types import CDCData, ConversationDict, ConversationKey

from models.botstate import ConversationState
from models.clock import Clock

CHAT_DATA = "chat_data"
Data = dict[str, Any]


def conversation_kind(name: str) -> str:
    return f"conversation:{name}"


class DatabasePersistence(BasePersistence[Data, Data, Data]):
    """PTB persistence over the `conversation_state` table."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=True, user_data=False, callback_data=False
            ),
            update_interval=60,
        )
        self._sessionmaker = sessionmaker
        self._clock = clock

    async def _rows(self, kind: str) -> list[ConversationState]:
        async with self._sessionmaker() as session:
            rows = await session.scalars(
                select(ConversationState).where(ConversationState.kind == kind)
            )
            return list(rows)

    async def _put(self, kind: str, key: str, chat_id: int | None, data: object) -> None:
        async with self._sessionmaker() as session, session.begin():
            row = await session.get(ConversationState, (kind, key))
            if row is None:
                row = ConversationState(kind=kind, key=key)
                session.add(row)
            row.chat_id = chat_id
            row.data = json.dumps(data, ensure_ascii=False)
            row.updated_at = self._clock.now()

    async def _drop(self, kind: str, key: str) -> None:
        async with self._sessionmaker() as session, session.begin():
            await session.execute(
                delete(ConversationState).where(
                    ConversationState.kind == kind, ConversationState.key == key
                )
            )

    # --- chat_data ---------------------------------------------------------------------
    async def get_chat_data(self) -> dict[int, Data]:
        return {int(row.key): json.loads(row.data) for row in await self._rows(CHAT_DATA)}

    async def update_chat_data(self, chat_id: int, data: Data) -> None:
        if data:
            await self._put(CHAT_DATA, str(chat_id), chat_id, data)
        else:
            await self._drop(CHAT_DATA, str(chat_id))

    async def drop_chat_data(self, chat_id: int) -> None:
        await self._drop(CHAT_DATA, str(chat_id))

    async def refresh_chat_data(self, chat_id: int, chat_data: Data) -> None:
        """Nothing to do: this process is the only writer of a chat's data."""

    # --- conversations -----------------------------------------------------------------
    async def get_conversations(self, name: str) -> ConversationDict:
        return {
            tuple(json.loads(row.key)): json.loads(row.data)
            for row in await self._rows(conversation_kind(name))
        }

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        encoded = json.dumps(list(key))
        if new_state is None:
            await self._drop(conversation_kind(name), encoded)
            return
        chat_id = key[0] if key and isinstance(key[0], int) else None
        await self._put(conversation_kind(name), encoded, chat_id, new_state)

    # --- not stored --------------------------------------------------------------------
    async def get_user_data(self) -> dict[int, Data]:
        return {}

    async def get_bot_data(self) -> Data:
        return {}

    async def get_callback_data(self) -> CDCData | None:
        return None

    async def update_user_data(self, user_id: int, data: Data) -> None:
        """Not stored."""

    async def update_bot_data(self, data: Data) -> None:
        """Not stored (bot_data holds the live database and clock)."""

    async def update_callback_data(self, data: CDCData) -> None:
        """Not stored."""

    async def drop_user_data(self, user_id: int) -> None:
        """Not stored."""

    async def refresh_user_data(self, user_id: int, user_data: Data) -> None:
        """Not stored."""

    async def refresh_bot_data(self, bot_data: Data) -> None:
        """Not stored."""

    async def flush(self) -> None:
        """Every write is already committed."""
