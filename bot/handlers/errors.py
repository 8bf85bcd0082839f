"""No exception escapes to the young person: they get a kind word, the log gets the trace."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import TelegramError

from bot.chat import Ctx, aside
from texts import chat as texts

log = logging.getLogger("kith.bot")


async def on_error(update: object, context: Ctx) -> None:
    log.error("handling update failed", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        with contextlib.suppress(TelegramError):
            await aside(update, context, texts.SOMETHING_WRONG)
