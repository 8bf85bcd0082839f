"""The last word in group 0: whatever nothing else took gets a kind, useful reply."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.chat import Ctx, aside
from bot.handlers.guards import active_conversations, end_conversations
from bot.handlers.pass_on import offer_to_pass_on
from texts import chat as texts


async def cancel_anything(update: Update, context: Ctx) -> None:
    """/cancel with nothing under way."""
    end_conversations(update, context)
    await aside(update, context, texts.CANCELLED)


async def unknown_command(update: Update, context: Ctx) -> None:
    await aside(update, context, texts.UNKNOWN_COMMAND)


async def not_words(update: Update, context: Ctx) -> None:
    """Stickers, photos, voice, video, files...: only words and buttons are read."""
    await aside(update, context, texts.ONLY_WORDS)


async def old_button(update: Update, context: Ctx) -> None:
    """A button from an old message, or a second tap on one already used."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    if active_conversations(update, context):
        await aside(update, context, texts.STILL_WAITING)
    else:
        await aside(update, context, texts.OLD_BUTTON)


def fallback_handlers() -> list[object]:
    return [
        CommandHandler("cancel", cancel_anything),
        MessageHandler(filters.COMMAND, unknown_command),
        MessageHandler(filters.TEXT, offer_to_pass_on),
        CallbackQueryHandler(old_button),
        MessageHandler(filters.ALL, not_words),
    ]
