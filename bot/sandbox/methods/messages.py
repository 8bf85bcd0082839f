"""Text messages: send, edit, delete, and the chat action ("typing…")."""

from __future__ import annotations

import copy
from typing import Any

from bot.sandbox.errors import bad_request
from bot.sandbox.methods.common import (
    CHAT_ID,
    MAX_TEXT,
    PARSE_MODE,
    SENDING,
    apply_markup,
    check_limits,
    formatted,
    replied_to,
    writable_chat,
)
from bot.sandbox.params import Method, param
from bot.sandbox.world import BotWorld

CHAT_ACTIONS = {
    "typing",
    "upload_photo",
    "record_video",
    "upload_video",
    "record_voice",
    "upload_voice",
    "upload_document",
    "choose_sticker",
    "find_location",
    "record_video_note",
    "upload_video_note",
}
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


async def send_message(world: BotWorld, params: dict[str, Any]) -> dict[str, Any]:
    text, entities = formatted(
        params,
        "text",
        limit=MAX_TEXT,
        empty="message text is empty",
        too_long="message is too long",
    )
    chat = writable_chat(world, params["chat_id"])
    markup = apply_markup(chat, params.get("reply_markup"))
    reply_to = replied_to(chat, params)
    check_limits(world, chat)
    message = world.new_message(
        chat,
        world.me,
        text=text,
        entities=entities,
        reply_markup=markup,
        reply_to_message=reply_to,
    )
    world.record(chat, message, from_bot=True)
    return message


async def edit_message_text(world: BotWorld, params: dict[str, Any]) -> dict[str, Any]:
    text, entities = formatted(
        params,
        "text",
        limit=MAX_TEXT,
        empty="message text is empty",
        too_long="message is too long",
    )
    entry, chat = _editable(world, params)
    if "text" not in entry.message:
        raise bad_request("there is no text in the message to edit")
    markup = apply_markup(chat, params.get("reply_markup"))
    current = (entry.message.get("text"), entry.message.get("reply_markup"))
    if current == (text, markup) and entry.message.get("entities") == entities:
        raise bad_request(NOT_MODIFIED)
    entry.message.update(text=text, edit_date=world.date())
    _set_optional(entry.message, "entities", entities)
    _set_optional(entry.message, "reply_markup", markup)
    entry.edits += 1
    world.changed()
    return copy.deepcopy(entry.message)


async def edit_message_reply_markup(world: BotWorld, params: dict[str, Any]) -> dict[str, Any]:
    entry, chat = _editable(world, params)
    markup = apply_markup(chat, params.get("reply_markup"))
    if entry.message.get("reply_markup") == markup:
        raise bad_request(NOT_MODIFIED)
    _set_optional(entry.message, "reply_markup", markup)
    entry.message["edit_date"] = world.date()
    entry.edits += 1
    world.changed()
    return copy.deepcopy(entry.message)


def _editable(world: BotWorld, params: dict[str, Any]) -> tuple[Any, Any]:
    if "chat_id" not in params or "message_id" not in params:
        raise bad_request("message identifier is not specified")
    chat = world.chat_for_bot(params["chat_id"])
    entry = chat.entry(params["message_id"])
    if entry is None:
        raise bad_request("message to edit not found")
    if not entry.from_bot:
        raise bad_request("message can't be edited")
    return entry, chat


def _set_optional(message: dict[str, Any], key: str, value: Any) -> None:
    if value is None:
        message.pop(key, None)
    else:
        message[key] = value


async def delete_message(world: BotWorld, params: dict[str, Any]) -> bool:
    chat = world.chat_for_bot(params["chat_id"])
    entry = chat.entry(params["message_id"])
    if entry is None:
        raise bad_request("message to delete not found")
    if not entry.from_bot and chat.type != "private":
        raise bad_request("message can't be deleted")
    entry.deleted = True
    world.changed()
    return True


async def send_chat_action(world: BotWorld, params: dict[str, Any]) -> bool:
    if params["action"] not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    chat = writable_chat(world, params["chat_id"])
    chat.last_action = params["action"]
    return True


TEXT = param("text", "String", required=True, missing="message text is empty")
MESSAGE_ID = param(
    "message_id", "Integer", required=True, missing="message identifier is not specified"
)
EDIT_TARGET = (param("chat_id", "Integer", "String"), param("message_id", "Integer"))
METHODS = (
    Method(
        "sendMessage",
        (
            CHAT_ID,
            TEXT,
            PARSE_MODE,
            param("entities", "Array of MessageEntity"),
            param("link_preview_options", "LinkPreviewOptions"),
            *SENDING,
        ),
        send_message,
        ("Message",),
        sends=True,
    ),
    Method(
        "editMessageText",
        (
            *EDIT_TARGET,
            TEXT,
            PARSE_MODE,
            param("entities", "Array of MessageEntity"),
            param("link_preview_options", "LinkPreviewOptions"),
            param("reply_markup", "InlineKeyboardMarkup"),
        ),
        edit_message_text,
        ("Message", "Boolean"),
    ),
    Method(
        "editMessageReplyMarkup",
        (*EDIT_TARGET, param("reply_markup", "InlineKeyboardMarkup")),
        edit_message_reply_markup,
        ("Message", "Boolean"),
    ),
    Method("deleteMessage", (CHAT_ID, MESSAGE_ID), delete_message, ("Boolean",)),
    Method(
        "sendChatAction",
        (
            CHAT_ID,
            param("action", "String", required=True, missing="wrong parameter action in request"),
        ),
        send_chat_action,
        ("Boolean",),
    ),
)
