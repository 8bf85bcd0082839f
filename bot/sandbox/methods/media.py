"""Photos and documents the bot sends, and getFile for what people sent it."""

from __future__ import annotations

import mimetypes
from typing import Any

from bot.sandbox.errors import bad_request
from bot.sandbox.files import StoredFile, image_size, photo_sizes
from bot.sandbox.methods.common import (
    CHAT_ID,
    MAX_CAPTION,
    PARSE_MODE,
    SENDING,
    apply_markup,
    check_limits,
    formatted,
    replied_to,
    writable_chat,
)
from bot.sandbox.params import Method, Upload, param
from bot.sandbox.world import BotWorld

CAPTION = (
    param("caption", "String"),
    PARSE_MODE,
    param("caption_entities", "Array of MessageEntity"),
)


def _file(world: BotWorld, value: Upload | str, *, missing: str, default_name: str) -> StoredFile:
    """An upload, a file_id the sandbox knows, or a URL (kept, not fetched: no network)."""
    if isinstance(value, Upload):
        mime = value.content_type or mimetypes.guess_type(value.filename)[0]
        return world.files.add(
            value.content,
            file_name=value.filename or default_name,
            mime_type=mime or "application/octet-stream",
        )
    if value.startswith(("http://", "https://")):
        name = value.rsplit("/", 1)[-1] or default_name
        mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return world.files.add(b"", file_name=name, mime_type=mime, url=value)
    if not value:
        raise bad_request(missing)
    return world.files.get(value)


async def send_photo(world: BotWorld, params: dict[str, Any]) -> dict[str, Any]:
    stored = _file(
        world, params["photo"], missing="there is no photo in the request", default_name="photo.jpg"
    )
    width, height = image_size(stored.content) if stored.content else (0, 0)
    return await _send(world, params, photo=photo_sizes(stored, width, height))


async def send_document(world: BotWorld, params: dict[str, Any]) -> dict[str, Any]:
    stored = _file(
        world,
        params["document"],
        missing="there is no document in the request",
        default_name="document",
    )
    document = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_name": stored.file_name,
        "mime_type": stored.mime_type,
        "file_size": len(stored.content),
    }
    return await _send(world, params, document=document)


async def _send(world: BotWorld, params: dict[str, Any], **media: Any) -> dict[str, Any]:
    caption, entities = formatted(
        params, "caption", limit=MAX_CAPTION, empty="", too_long="message caption is too long"
    )
    chat = writable_chat(world, params["chat_id"])
    markup = apply_markup(chat, params.get("reply_markup"))
    reply_to = replied_to(chat, params)
    check_limits(world, chat)
    message = world.new_message(
        chat,
        world.me,
        caption=caption,
        caption_entities=entities,
        reply_markup=markup,
        reply_to_message=reply_to,
        **media,
    )
    world.record(chat, message, from_bot=True)
    return message


async def get_file(world: BotWorld, params: dict[str, Any]) -> dict[str, Any]:
    return world.files.get(params["file_id"]).as_file()


METHODS = (
    Method(
        "sendPhoto",
        (
            CHAT_ID,
            param(
                "photo",
                "InputFile",
                "String",
                required=True,
                missing="there is no photo in the request",
            ),
            *CAPTION,
            *SENDING,
        ),
        send_photo,
        ("Message",),
        sends=True,
    ),
    Method(
        "sendDocument",
        (
            CHAT_ID,
            param(
                "document",
                "InputFile",
                "String",
                required=True,
                missing="there is no document in the request",
            ),
            *CAPTION,
            *SENDING,
        ),
        send_document,
        ("Message",),
        sends=True,
    ),
    Method(
        "getFile",
        (param("file_id", "String", required=True, missing="file_id is empty"),),
        get_file,
        ("File",),
    ),
)
