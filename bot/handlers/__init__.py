"""All handlers, registered in one place so a reader sees the whole bot."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from bot import texts


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Say hello (the full welcome and consent conversation replaces this)."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.WELCOME)


def register_handlers(application: Application) -> None:  # type: ignore[type-arg]
    application.add_handler(CommandHandler("start", start))
