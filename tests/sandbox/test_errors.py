"""Each limit and fault of the sandbox reaches python-telegram-bot as the exception the real
Telegram would cause: BadRequest, Forbidden, RetryAfter, Conflict, NetworkError, TimedOut."""

from __future__ import annotations

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import (
    BadRequest,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)

from bot.sandbox import people
from bot.sandbox.limits import Limits
from bot.sandbox.world import BotWorld, Person
from tests.chat.fixtures import SandboxServer


def started(world: BotWorld, name: str = "Sam") -> Person:
    person = world.create_user(name)
    people.says(world, person, "/start")
    return person


@pytest.mark.parametrize(
    ("text", "parse_mode", "wording"),
    [
        ("", None, "Message text is empty"),
        ("   ", None, "Message text is empty"),
        ("x" * 4097, None, "Message is too long"),
        ("<3 Nan", "HTML", "Can't parse entities"),
        ("Sam_J.", "MarkdownV2", "Can't parse entities"),
        ("<b>bold", "HTML", "Can't parse entities"),
    ],
)
async def test_text_telegram_refuses_is_a_bad_request(
    bot: Bot, bot_world: BotWorld, text: str, parse_mode: str | None, wording: str
) -> None:
    sam = started(bot_world)
    with pytest.raises(BadRequest, match=wording):
        await bot.send_message(sam.id, text, parse_mode=parse_mode)
    assert bot_world.bot_messages(bot_world.private_chat(sam)) == []


async def test_longest_text_and_escaped_names_go_through(bot: Bot, bot_world: BotWorld) -> None:
    sam = started(bot_world)
    await bot.send_message(sam.id, "x" * 4096)
    sent = await bot.send_message(sam.id, "&lt;3 <b>Nan</b>", parse_mode="HTML")
    assert sent.text == "<3 Nan"
    assert sent.entities[0].type == "bold"
    sent = await bot.send_message(sam.id, r"*Sam\_J\.*", parse_mode="MarkdownV2")
    assert sent.text == "Sam_J."


async def test_callback_data_over_64_bytes_is_refused(bot: Bot, bot_world: BotWorld) -> None:
    sam = started(bot_world)
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="y" * 65)]])
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(sam.id, "Ready?", reply_markup=too_long)
    fits = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="é" * 32)]])
    await bot.send_message(sam.id, "Ready?", reply_markup=fits)


async def test_unknown_chat_is_a_bad_request(bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(123456, "Hello")


async def test_editing_to_the_same_text_is_not_modified(bot: Bot, bot_world: BotWorld) -> None:
    sam = started(bot_world)
    sent = await bot.send_message(sam.id, "Hello")
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("Hello", chat_id=sam.id, message_id=sent.message_id)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("Hi", chat_id=sam.id, message_id=999)


async def test_answering_a_tap_too_late_is_a_bad_request(bot: Bot, bot_world: BotWorld) -> None:
    sam = started(bot_world)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="yes")]])
    sent = await bot.send_message(sam.id, "Ready?", reply_markup=keyboard)
    bot_world.callback_answer_window = 0
    query = people.taps(bot_world, sam, sent.to_dict(), "yes")
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query.id)


async def test_a_person_who_blocked_the_bot_is_forbidden(bot: Bot, bot_world: BotWorld) -> None:
    sam = started(bot_world)
    people.blocks(bot_world, sam)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(sam.id, "Hello?")
    people.unblocks(bot_world, sam)
    await bot.send_message(sam.id, "Welcome back")


async def test_the_bot_cannot_write_first(bot: Bot, bot_world: BotWorld) -> None:
    stranger = bot_world.create_user("Stranger")
    with pytest.raises(Forbidden, match="can't initiate conversation"):
        await bot.send_message(stranger.id, "Hello")


async def test_past_the_per_chat_limit_comes_retry_after(bot: Bot, bot_world: BotWorld) -> None:
    bot_world.limiter.limits = Limits(per_chat_per_second=1, per_chat_burst=1)
    sam = started(bot_world)
    await bot.send_message(sam.id, "one")
    with pytest.raises(RetryAfter, match="Retry in 1 second"):
        await bot.send_message(sam.id, "two")
    nan = started(bot_world, "Nan")
    await bot.send_message(nan.id, "another chat is not held back")


async def test_past_the_overall_limit_comes_retry_after(bot: Bot, bot_world: BotWorld) -> None:
    bot_world.limiter.limits = Limits(overall_per_second=2, overall_burst=2)
    for name in ("Sam", "Nan"):
        await bot.send_message(started(bot_world, name).id, "hello")
    with pytest.raises(RetryAfter):
        await bot.send_message(started(bot_world, "Jo").id, "hello")


async def test_a_burst_of_server_errors_is_a_network_error(bot: Bot, bot_world: BotWorld) -> None:
    sam = started(bot_world)
    bot_world.faults.server_errors(2, methods=["sendMessage"])
    for _ in range(2):
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.send_message(sam.id, "Hello")
    await bot.send_message(sam.id, "Hello")
    assert len(bot_world.bot_messages(bot_world.private_chat(sam))) == 1


async def test_a_dropped_connection_is_a_network_error(bot: Bot, bot_world: BotWorld) -> None:
    bot_world.faults.drop_connections(1)
    with pytest.raises(NetworkError):
        await bot.get_me()
    await bot.get_me()


async def test_a_slow_answer_times_out(bot: Bot, bot_world: BotWorld) -> None:
    bot_world.faults.slow(0.5, count=1)
    with pytest.raises(TimedOut):
        await bot.get_me(read_timeout=0.1)


async def test_polling_while_a_webhook_is_set_is_a_conflict(bot: Bot) -> None:
    await bot.set_webhook("http://127.0.0.1:9/hook")
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()


async def test_an_unknown_token_is_refused(sandbox_server: SandboxServer) -> None:
    with pytest.raises(InvalidToken):
        async with Bot("123:unknown", base_url=sandbox_server.base_url):
            pass
