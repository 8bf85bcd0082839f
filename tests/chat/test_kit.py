"""The kit itself: taps reach the bot, edits are seen, coordinators' chats receive messages.

These tests add their own small handlers (in group -1, before Kith's) so they do not depend on
what Kith's conversations say.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, ReplyKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, ContextTypes, MessageHandler, filters

from tests.chat.kit import ChatPerson, ChatSandbox
from tests.support import factories


async def opened(sandbox: ChatSandbox, name: str) -> ChatPerson:
    """A young person who has written to the bot (so the bot may write to them)."""
    person = sandbox.young_person(name)
    await person.says("hello")
    await sandbox.settle()
    return person


async def test_sam_taps_a_button_and_sees_the_message_change(sandbox: ChatSandbox) -> None:
    application = sandbox.runtime.bot.application

    async def chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        if query.data == "kit-yes":
            await query.answer("Noted")
            await query.edit_message_text("You chose yes")

    application.add_handler(CallbackQueryHandler(chosen), group=-1)
    sam = await opened(sandbox, "Sam")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="kit-yes")]])
    await application.bot.send_message(sam.chat_id, "Ready?", reply_markup=keyboard)
    assert (await sam.sees("Ready?")).buttons == ["Yes"]
    query = await sam.taps("Yes")
    changed = await sam.sees("You chose yes")
    assert changed.edited
    assert changed.buttons == []
    assert query is not None and query.text == "Noted"


async def test_a_reply_keyboard_button_is_sent_as_text(sandbox: ChatSandbox) -> None:
    application = sandbox.runtime.bot.application
    heard: list[str] = []

    async def hear(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None and update.message.text is not None
        heard.append(update.message.text)

    application.add_handler(MessageHandler(filters.TEXT, hear), group=-1)
    sam = await opened(sandbox, "Sam")
    await application.bot.send_message(
        sam.chat_id, "How are you?", reply_markup=ReplyKeyboardMarkup([["Good", "Not great"]])
    )
    await sam.sees("How are you?")
    assert await sam.taps("Not great") is None
    await sandbox.settle()
    assert heard == ["hello", "Not great"]


async def test_a_coordinator_chat_receives_what_the_bot_sends_it(sandbox: ChatSandbox) -> None:
    now = sandbox.clock.now()
    async with sandbox.sessionmaker.begin() as session:
        organisation = await factories.organisation(session, now)
        user = await factories.user(session, now, organisation)
    alex = await sandbox.coordinator(user)
    assert user.telegram_chat_id == alex.chat_id
    await sandbox.runtime.bot.application.bot.send_message(alex.chat_id, "Sam needs you today")
    nudge = await alex.sees("needs you")
    assert nudge.text == "Sam needs you today"
    await alex.sees_nothing_new()
