"""What the sending methods share: the target chat, keyboards, replies, the limits."""

from __future__ import annotations

import logging
from typing import Any

from bot.sandbox.errors import BLOCKED, bad_request, forbidden, too_many_requests
from bot.sandbox.formatting import parse, utf16_len
from bot.sandbox.params import Param, param
from bot.sandbox.world import BotWorld, Chat

log = logging.getLogger("kith.sandbox")
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
INLINE_ACTIONS = (
    "callback_data",
    "url",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
    "web_app",
)
REPLY_MARKUP = param(
    "reply_markup",
    "InlineKeyboardMarkup",
    "ReplyKeyboardMarkup",
    "ReplyKeyboardRemove",
    "ForceReply",
)
CHAT_ID = param("chat_id", "Integer", "String", required=True, missing="chat_id is empty")
REPLY_PARAMETERS = param("reply_parameters", "ReplyParameters")
PARSE_MODE = param("parse_mode", "String")
SENDING: tuple[Param, ...] = (
    param("disable_notification", "Boolean"),
    param("protect_content", "Boolean"),
    REPLY_PARAMETERS,
    REPLY_MARKUP,
)


def writable_chat(world: BotWorld, chat_id: Any) -> Chat:
    """The chat to send to, or the 400/403 Telegram answers for it."""
    chat = world.chat_for_bot(chat_id)
    if chat.type == "private":
        if chat.blocked:
            raise forbidden(BLOCKED)
        if not chat.opened:
            raise forbidden("bot can't initiate conversation with a user")
    elif not chat.bot_is_member:
        raise forbidden("bot is not a member of the group chat")
    return chat


def check_limits(world: BotWorld, chat: Chat) -> None:
    retry_after = world.limiter.check(chat.id, group=chat.type == "group")
    if retry_after is not None:
        # Said out loud: a bot that bursts into one chat gets slower tests, and should know why.
        log.info("sandbox: 429 for chat %s, retry after %ss", chat.id, retry_after)
        raise too_many_requests(retry_after)


def formatted(
    params: dict[str, Any], text_key: str, *, limit: int, empty: str, too_long: str
) -> tuple[str | None, list[dict[str, Any]] | None]:
    """The text (or caption) after its parse mode, checked against Telegram's limits."""
    raw = params.get(text_key)
    if raw is None:
        if text_key == "text":
            raise bad_request(empty)
        return None, None
    entities_key = "entities" if text_key == "text" else "caption_entities"
    text, entities = parse(raw, params.get("parse_mode"))
    if params.get(entities_key) is not None and not params.get("parse_mode"):
        entities = list(params[entities_key])
    if not text.strip():
        if text_key == "text":
            raise bad_request(empty)
        return None, None
    if utf16_len(text) > limit:
        raise bad_request(too_long)
    return text, entities or None


def apply_markup(chat: Chat, markup: dict[str, Any] | None) -> dict[str, Any] | None:
    """Validate a keyboard; return the inline one (it belongs to the message)."""
    if markup is None:
        return None
    if "inline_keyboard" in markup:
        return {"inline_keyboard": _inline_rows(markup["inline_keyboard"])}
    if "keyboard" in markup:
        rows = markup["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise bad_request('field "keyboard" must be an Array')
        chat.reply_keyboard = {
            "keyboard": [[b if isinstance(b, dict) else {"text": str(b)} for b in r] for r in rows],
            "one_time_keyboard": bool(markup.get("one_time_keyboard", False)),
        }
        return None
    if markup.get("remove_keyboard"):
        chat.reply_keyboard = None
        return None
    if markup.get("force_reply"):
        return None
    raise bad_request("can't parse reply keyboard markup JSON object")


def _inline_rows(rows: Any) -> list[list[dict[str, Any]]]:
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        raise bad_request('field "inline_keyboard" must be an Array of Array')
    for row in rows:
        for button in row:
            if not isinstance(button, dict) or not str(button.get("text", "")).strip():
                raise bad_request("text buttons are unallowed in the inline keyboard")
            actions = [key for key in INLINE_ACTIONS if key in button]
            if len(actions) != 1:
                raise bad_request("text buttons are unallowed in the inline keyboard")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA:
                raise bad_request("BUTTON_DATA_INVALID")
    return rows


def replied_to(chat: Chat, params: dict[str, Any]) -> dict[str, Any] | None:
    reply = params.get("reply_parameters")
    if not reply:
        return None
    entry = chat.entry(int(reply.get("message_id", 0)))
    if entry is None:
        if reply.get("allow_sending_without_reply"):
            return None
        raise bad_request("message to be replied not found")
    return {k: v for k, v in entry.message.items() if k != "reply_to_message"}
