"""Choosing a language: Telegram's suggestion at /start, one tap to any other, /language later.

A new chat starts in the language its Telegram app reports ("ar-SA" is Arabic) when Kith
speaks it, and in English otherwise; the welcome carries every other offered language as a
button with its own name, so switching is one tap. The choice is the young person's: it is
kept on their record (the coordinator sees it in the API) and used for every message,
asked for or not.
"""

from __future__ import annotations

from collections.abc import Sequence

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.chat import Button, Ctx, database, keyboard, language, say, tapped, young_person_of
from models.referrals.joining import organisation_of_chat
from models.staff.languages import offered_languages
from texts import chat as texts
from texts.catalog import available_languages
from texts.languages import LANGUAGES, language_for

PER_ROW = 3
CHOSEN = "lang_chosen"


async def suggest_language(update: Update, context: Ctx) -> None:
    """A chat with no language yet starts in its Telegram app's, when Kith speaks it."""
    user = update.effective_user
    data = context.chat_data
    if data is None or "lang" in data or user is None:
        return
    code = language_for(user.language_code)
    if code is not None and code in available_languages():
        data["lang"] = code


def language_rows(context: Ctx, offered: Sequence[str], prefix: str) -> list[list[Button]]:
    """The offered languages other than the one in use, by their own names, three a row."""
    others = [code for code in offered if code != language(context)]
    buttons: list[Button] = [
        (texts.DATA_LABEL, f"{prefix}{code}", {"label": LANGUAGES[code].name}) for code in others
    ]
    return [buttons[i : i + PER_ROW] for i in range(0, len(buttons), PER_ROW)]


def choose(context: Ctx, code: str) -> None:
    """Speak `code` in this chat from now on (the young person chose it)."""
    if context.chat_data is not None:
        context.chat_data["lang"] = code
        context.chat_data[CHOSEN] = True


async def _offered_here(update: Update, context: Ctx) -> list[str]:
    assert update.effective_chat is not None
    async with database(context) as session:
        organisation = await organisation_of_chat(session=session, chat_id=update.effective_chat.id)
    return offered_languages(organisation)


async def ask_language(update: Update, context: Ctx) -> None:
    """The languages this young person's council offers, each by its own name."""
    if update.callback_query is not None:
        await tapped(update)
    offered = await _offered_here(update, context)
    rows = [
        [(texts.DATA_LABEL, f"lang:{code}", {"label": LANGUAGES[code].name})] for code in offered
    ]
    await say(update, context, texts.ASK_LANGUAGE, keyboard(context, rows))


async def set_language(update: Update, context: Ctx) -> None:
    """Talk in the chosen language from now on, and keep the choice on their record."""
    code = (await tapped(update)).split(":", 1)[1]
    if code not in available_languages():
        await say(update, context, texts.OLD_BUTTON)
        return
    choose(context, code)
    async with database(context) as session, session.begin():
        young_person = await young_person_of(session, update)
        if young_person is not None:
            young_person.language = code
    await say(update, context, texts.LANGUAGE_SET)


def language_handlers() -> list[object]:
    return [
        CommandHandler("language", ask_language),
        CallbackQueryHandler(ask_language, pattern=r"^menu:language$"),
        CallbackQueryHandler(set_language, pattern=r"^lang:[\w-]{1,16}$"),
    ]
