"""The kit itself: taps reach the bot, edits are seen, coordinators' chats receive messages."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, ReplyKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, ContextTypes

from tests import factories
from tests.chat.kit import ChatSandbox


async def test_sam_taps_a_button_and_sees_the_message_change(sandbox: ChatSandbox) -> None:
    application = sandbox.runtime.bot.application

    async def chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("Noted")
        await query.edit_message_text(f"You chose {query.data}")

    application.add_handler(CallbackQueryHandler(chosen))
    sam = sandbox.young_person("Sam")
    await sam.says("/start")
    await sam.sees("Hi")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="yes")]])
    await application.bot.send_message(sam.chat_id, "Ready?", reply_markup=keyboard)
    assert (await sam.sees("Ready?")).buttons == ["Yes"]
    query = await sam.taps("Yes")
    changed = await sam.sees("You chose yes")
    assert changed.edited
    assert query is not None and query.text == "Noted"
    assert [m.text for m in sam.messages()] == [
        "Hi! I'm Kith. I help you stay close to the people who matter to you.",
        "You chose yes",
    ]


async def test_a_reply_keyboard_button_is_sent_as_text(sandbox: ChatSandbox) -> None:
    application = sandbox.runtime.bot.application
    sam = sandbox.young_person("Sam")
    await sam.says("/start")
    await sam.sees("Hi")
    await application.bot.send_message(
        sam.chat_id, "How are you?", reply_markup=ReplyKeyboardMarkup([["Good", "Not great"]])
    )
    await sam.sees("How are you?")
    assert await sam.taps("Not great") is None
    assert sam.chat.entries[-1].message["text"] == "Not great"
    await sam.sees_nothing_new()  # the bot has no handler for it yet, and stays quiet


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
