"""What people do in the sandbox reaches python-telegram-bot as the objects Telegram sends."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from telegram import Bot, Update
from telegram.error import Forbidden

from bot.sandbox import people
from bot.sandbox.world import BotWorld


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "purple").save(buffer, "PNG")
    return buffer.getvalue()


async def updates(bot: Bot) -> tuple[Update, ...]:
    found = await bot.get_updates()
    if found:
        await bot.get_updates(offset=found[-1].update_id + 1)
    return found


async def test_everything_sam_can_send_arrives_as_telegram_objects(
    bot: Bot, bot_world: BotWorld
) -> None:
    sam = bot_world.create_user("Sam")
    said = people.says(bot_world, sam, "/start@kith_sandbox_bot hello")
    people.edits(bot_world, sam, said, "/help")
    people.sends_photo(bot_world, sam, png(), caption="my dog")
    people.sends_document(bot_world, sam, b"%PDF-1.4", "letter.pdf", "application/pdf")
    people.sends_sticker(bot_world, sam, "🎉")
    people.sends_voice(bot_world, sam, 4)
    people.sends_video(bot_world, sam, 6)
    people.sends_location(bot_world, sam, 53.4, -2.2)
    people.sends_contact(bot_world, sam, "+44 7700 900123", "Nan")
    got = await updates(bot)

    start, edited, photo, document, sticker, voice, video, location, contact = got
    assert start.message.entities[0].length == len("/start@kith_sandbox_bot")
    assert edited.edited_message.text == "/help"
    assert (photo.message.photo[-1].width, photo.message.caption) == (4, "my dog")
    assert document.message.document.file_name == "letter.pdf"
    assert sticker.message.sticker.emoji == "🎉"
    assert voice.message.voice.mime_type == "audio/ogg"
    assert video.message.video.width == 640
    assert location.message.location.latitude == pytest.approx(53.4)
    assert contact.message.contact.first_name == "Nan"
    downloaded = await (await bot.get_file(photo.message.photo[-1].file_id)).download_as_bytearray()
    assert bytes(downloaded) == png()


async def test_blocking_and_unblocking_send_my_chat_member(bot: Bot, bot_world: BotWorld) -> None:
    sam = bot_world.create_user("Sam")
    people.says(bot_world, sam, "/start")
    people.blocks(bot_world, sam)
    people.says(bot_world, sam, "the bot does not hear this")
    people.unblocks(bot_world, sam)
    got = await updates(bot)
    statuses = [u.my_chat_member.new_chat_member.status for u in got if u.my_chat_member]
    assert statuses == ["kicked", "member"]
    assert [u.message.text for u in got if u.message] == ["/start"]


async def test_a_tap_carries_the_button_data_and_the_message(bot: Bot, bot_world: BotWorld) -> None:
    sam = bot_world.create_user("Sam")
    people.says(bot_world, sam, "/start")
    sent = await bot.send_message(
        sam.id,
        "Ready?",
        reply_markup={"inline_keyboard": [[{"text": "Yes", "callback_data": "y"}]]},
    )
    people.taps(bot_world, sam, sent.to_dict(), "y")
    tap = (await updates(bot))[-1].callback_query
    assert (tap.data, tap.message.text, tap.from_user.id) == ("y", "Ready?", sam.id)
    assert await tap.answer("Thanks!")
    assert bot_world.callback_queries[tap.id].text == "Thanks!"


async def test_in_a_group_the_bot_can_leave_and_then_cannot_write(
    bot: Bot, bot_world: BotWorld
) -> None:
    sam, nan = bot_world.create_user("Sam"), bot_world.create_user("Nan")
    family = bot_world.create_group("Family", [sam, nan])
    people.adds_bot_to_group(bot_world, sam, family)
    people.says(bot_world, nan, "hello everyone", chat=family)
    got = await updates(bot)
    assert got[0].my_chat_member.chat.type == "group"
    assert got[1].message.chat.id == family.id
    await bot.send_message(family.id, "I only work in private chats.")
    assert await bot.leave_chat(family.id)
    with pytest.raises(Forbidden, match="not a member"):
        await bot.send_message(family.id, "still here?")
