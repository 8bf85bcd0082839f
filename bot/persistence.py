"""Conversation state in our own database (not a pickle), so a restart carries on mid-chat.

Only conversations and chat_data are kept (bot_data holds live objects, user_data is unused).
Values are JSON; the application writes through after every update (`bot.updates`), so
a crash loses at most the update being handled. What one update changed (its chat_data and
its conversation) is written in ONE transaction (`one_transaction`): PTB would otherwise
write them concurrently, one transaction each, racing for SQLite's single writer.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import bindparam, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.sql.expression import Executable
from telegram.ext import BasePersistence, PersistenceInput
from telegram.ext._utils.types import CDCData, ConversationDict, ConversationKey

from models.chat_state import ConversationState
from models.core.clock import Clock
from models.core.db import core_table, is_postgres, without_waiting_for_disk

CHAT_DATA = "chat_data"
Data = dict[str, Any]


def conversation_kind(name: str) -> str:
    return f"conversation:{name}"


def _upsert_statement(dialect: str) -> Executable:
    """One upsert (not a read, then an ORM flush), built once as Core: it runs after every
    update, and building an ORM insert each time cost more than the write (bench/chat.py)."""
    found = _UPSERT.get(dialect)
    if found is not None:
        return found
    table = core_table(ConversationState)
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(table).values(
        kind=bindparam("kind"),
        key=bindparam("key"),
        chat_id=bindparam("chat_id", type_=table.c.chat_id.type),
        data=bindparam("data"),
        updated_at=bindparam("updated_at", type_=table.c.updated_at.type),
    )
    found = statement.on_conflict_do_update(
        index_elements=[table.c.kind, table.c.key],
        set_={
            "chat_id": statement.excluded.chat_id,
            "data": statement.excluded.data,
            "updated_at": statement.excluded.updated_at,
        },
    )
    _UPSERT[dialect] = found
    return found


_UPSERT: dict[str, Executable] = {}


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
        # (kind, key) -> (chat_id, data), or None to drop; collected by `one_transaction`.
        self._batch: dict[tuple[str, str], tuple[int | None, object] | None] | None = None
        self._batch_lock = asyncio.Lock()

    async def _rows(self, kind: str) -> list[ConversationState]:
        async with self._sessionmaker() as session:
            rows = await session.scalars(
                select(ConversationState).where(ConversationState.kind == kind)
            )
            return list(rows)

    @contextlib.asynccontextmanager
    async def one_transaction(self) -> AsyncIterator[None]:
        """The writes made inside the block are committed together when it ends."""
        async with self._batch_lock:
            self._batch = {}
            try:
                yield
                writes = self._batch
            finally:
                self._batch = None
            if writes:
                async with self._sessionmaker() as session, session.begin():
                    await without_waiting_for_disk(session)
                    for (kind, key), value in writes.items():
                        await self._write(session, kind, key, value)

    async def _write(
        self,
        session: AsyncSession,
        kind: str,
        key: str,
        value: tuple[int | None, object] | None,
    ) -> None:
        if value is None:
            await session.execute(
                delete(ConversationState).where(
                    ConversationState.kind == kind, ConversationState.key == key
                )
            )
            return
        chat_id, data = value
        dialect = "postgresql" if is_postgres(session) else "sqlite"
        values = {
            "kind": kind,
            "key": key,
            "chat_id": chat_id,
            "data": json.dumps(data, ensure_ascii=False),
            "updated_at": self._clock.now(),
        }
        await session.execute(_upsert_statement(dialect), values)

    async def _put(self, kind: str, key: str, chat_id: int | None, data: object) -> None:
        await self._change(kind, key, (chat_id, data))

    async def _drop(self, kind: str, key: str) -> None:
        await self._change(kind, key, None)

    async def _change(self, kind: str, key: str, value: tuple[int | None, object] | None) -> None:
        if self._batch is not None:
            self._batch[(kind, key)] = value
            return
        async with self._sessionmaker() as session, session.begin():
            await without_waiting_for_disk(session)
            await self._write(session, kind, key, value)

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
