"""The Application Kith runs: each update has one effect, and its state is saved before the next.

Telegram retries a webhook it thinks failed, so the same `update_id` may arrive twice: the
first claims it in `processed_update`, a repeat is dropped. After each update the
conversation state is written through to the database, so a crash or restart mid-chat
carries on from the last answer.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import bindparam, delete, insert
from sqlalchemy.exc import IntegrityError
from telegram import Update
from telegram.ext import Application

from bot.context import KITH_KEY, BotContext
from bot.persistence import DatabasePersistence
from models.chat_state import ProcessedUpdate
from models.core.db import core_table, without_waiting_for_disk

log = logging.getLogger("kith.bot")
# Core, built once: it runs for every update (an ORM insert built each time cost more).
_CLAIMS = core_table(ProcessedUpdate)
CLAIM = insert(_CLAIMS).values(
    update_id=bindparam("update_id", type_=_CLAIMS.c.update_id.type),
    at=bindparam("at", type_=_CLAIMS.c.at.type),
)
# Telegram gives up retrying an update after about a day; older claims may go.
FORGET_AFTER = timedelta(days=2)


class KithApplication(Application):  # type: ignore[type-arg]
    async def _claim(self, update_id: int) -> bool:
        kith = self.bot_data[KITH_KEY]
        assert isinstance(kith, BotContext)
        now = kith.clock.now()
        try:
            async with kith.sessionmaker() as session, session.begin():
                await without_waiting_for_disk(session)
                await session.execute(CLAIM, {"update_id": update_id, "at": now})
        except IntegrityError:
            return False
        if update_id % 500 == 0:
            async with kith.sessionmaker() as session, session.begin():
                await session.execute(
                    delete(ProcessedUpdate).where(ProcessedUpdate.at < now - FORGET_AFTER)
                )
        return True

    async def process_update(self, update: object) -> None:
        if isinstance(update, Update) and not await self._claim(update.update_id):
            log.info("update %s seen before: dropped", update.update_id)
            return
        await super().process_update(update)
        if self.persistence is not None:
            await self.update_persistence()

    async def update_persistence(self) -> None:
        """PTB's run over what changed, committed in one transaction (bot/persistence.py)."""
        persistence = self.persistence
        if not isinstance(persistence, DatabasePersistence):
            await super().update_persistence()
            return
        try:
            async with persistence.one_transaction():
                await super().update_persistence()
        except Exception as error:
            # As PTB does with a failed persistence write: to the error handlers, not a crash.
            await self.process_error(update=None, error=error)
