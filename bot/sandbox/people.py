"""The people's side of the sandbox (the control API): what a person does in Telegram.

Each action records the message in the chat and queues the update the bot will receive,
exactly as Telegram would: a command carries a `bot_command` entity, a tap a callback_query,
blocking the bot a `my_chat_member` update.
"""

from __future__ import annotations

import copy
import time
from typing import Any

from bot.sandbox.files import image_size, photo_sizes
from bot.sandbox.world import BotWorld, CallbackQuery, Chat, Person


def _chat(world: BotWorld, person: Person, chat: Chat | None) -> Chat:
    chat = chat or world.private_chat(person)
    if chat.type == "private":
        chat.opened = True
    return chat


def _post(world: BotWorld, person: Person, chat: Chat | None, **content: Any) -> dict[str, Any]:
    target = _chat(world, person, chat)
    message = world.new_message(target, person, **content)
    world.record(target, message, from_bot=False)
    if target.type == "private" and target.blocked:
        return message  # a person who blocked the bot can still type; the bot hears nothing
    if target.type == "group" and not target.bot_is_member:
        return message
    world.updates.push("message", copy.deepcopy(message))
    return message


def command_entities(text: str) -> list[dict[str, Any]] | None:
    """A leading "/command" (optionally "@botname") is a bot_command entity at offset 0."""
    if not text.startswith("/"):
        return None
    length = len(text.split(maxsplit=1)[0].encode("utf-16-le")) // 2
    return [{"type": "bot_command", "offset": 0, "length": length}]


def says(world: BotWorld, person: Person, text: str, chat: Chat | None = None) -> dict[str, Any]:
    return _post(world, person, chat, text=text, entities=command_entities(text))


def replies(
    world: BotWorld, person: Person, to: dict[str, Any], text: str, chat: Chat | None = None
) -> dict[str, Any]:
    quoted = {k: v for k, v in to.items() if k != "reply_to_message"}
    return _post(
        world, person, chat, text=text, entities=command_entities(text), reply_to_message=quoted
    )


def forwards(
    world: BotWorld, person: Person, text: str, from_name: str = "Someone"
) -> dict[str, Any]:
    """The person forwards someone else's text message into the chat (origin hidden)."""
    origin = {"type": "hidden_user", "sender_user_name": from_name, "date": world.date()}
    return _post(world, person, None, text=text, forward_origin=origin)


def sends_photo(
    world: BotWorld, person: Person, content: bytes, caption: str | None = None
) -> dict[str, Any]:
    stored = world.files.add(content, file_name="photo.jpg", mime_type="image/jpeg")
    width, height = image_size(content)
    return _post(world, person, None, photo=photo_sizes(stored, width, height), caption=caption)


def sends_document(
    world: BotWorld, person: Person, content: bytes, file_name: str, mime_type: str
) -> dict[str, Any]:
    stored = world.files.add(content, file_name=file_name, mime_type=mime_type)
    document = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_name": file_name,
        "mime_type": mime_type,
        "file_size": len(content),
    }
    return _post(world, person, None, document=document)


def sends_sticker(world: BotWorld, person: Person, emoji: str = "👍") -> dict[str, Any]:
    stored = world.files.add(b"sticker", file_name="sticker.webp", mime_type="image/webp")
    sticker = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "emoji": emoji,
    }
    return _post(world, person, None, sticker=sticker)


def sends_voice(world: BotWorld, person: Person, seconds: int = 3) -> dict[str, Any]:
    stored = world.files.add(b"OggS", file_name="voice.ogg", mime_type="audio/ogg")
    voice = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "duration": seconds,
        "mime_type": "audio/ogg",
        "file_size": 4,
    }
    return _post(world, person, None, voice=voice)


def sends_video(world: BotWorld, person: Person, seconds: int = 5) -> dict[str, Any]:
    stored = world.files.add(b"\x00\x00\x00\x18ftyp", file_name="video.mp4", mime_type="video/mp4")
    video = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "width": 640,
        "height": 360,
        "duration": seconds,
        "mime_type": "video/mp4",
    }
    return _post(world, person, None, video=video)


def sends_location(
    world: BotWorld, person: Person, latitude: float, longitude: float
) -> dict[str, Any]:
    return _post(world, person, None, location={"latitude": latitude, "longitude": longitude})


def sends_contact(
    world: BotWorld, person: Person, phone_number: str, first_name: str
) -> dict[str, Any]:
    return _post(
        world, person, None, contact={"phone_number": phone_number, "first_name": first_name}
    )


def edits(world: BotWorld, person: Person, message: dict[str, Any], text: str) -> dict[str, Any]:
    """The person edits a message they sent: the bot gets an `edited_message` update."""
    chat = world.chats[message["chat"]["id"]]
    entry = chat.entry(message["message_id"])
    if entry is None or entry.from_bot:
        raise ValueError("a person can only edit a message of their own that still exists")
    entry.message.update(text=text, edit_date=world.date())
    entry.message.pop("entities", None)
    if entities := command_entities(text):
        entry.message["entities"] = entities
    world.changed()
    world.updates.push("edited_message", copy.deepcopy(entry.message))
    return entry.message


def taps(
    world: BotWorld, person: Person, message: dict[str, Any], callback_data: str
) -> CallbackQuery:
    """Tapping an inline button: a callback_query with the message as it stands now."""
    query = CallbackQuery(id=world.next_query_id(), asked_at=time.monotonic())
    world.callback_queries[query.id] = query
    payload = {
        "id": query.id,
        "from": person.as_user(),
        "message": copy.deepcopy(message),
        "chat_instance": str(message["chat"]["id"]),
        "data": callback_data,
    }
    world.updates.push("callback_query", payload)
    return query


def _member_update(world: BotWorld, chat: Chat, by: Person, old: str, new: str) -> None:
    bot = world.me.as_user()
    old_member: dict[str, Any] = {"status": old, "user": bot}
    new_member: dict[str, Any] = {"status": new, "user": bot}
    for member in (old_member, new_member):
        if member["status"] == "kicked":
            member["until_date"] = 0
    world.updates.push(
        "my_chat_member",
        {
            "chat": chat.as_chat(),
            "from": by.as_user(),
            "date": world.date(),
            "old_chat_member": old_member,
            "new_chat_member": new_member,
        },
    )
    world.changed()


def blocks(world: BotWorld, person: Person) -> None:
    chat = world.private_chat(person)
    chat.blocked = True
    _member_update(world, chat, person, "member", "kicked")


def unblocks(world: BotWorld, person: Person) -> None:
    chat = world.private_chat(person)
    chat.blocked = False
    _member_update(world, chat, person, "kicked", "member")


def adds_bot_to_group(world: BotWorld, person: Person, chat: Chat) -> None:
    chat.bot_is_member = True
    chat.members[person.id] = person
    _member_update(world, chat, person, "left", "member")
