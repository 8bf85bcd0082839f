"""The bot's own settings: getMe, its command menu, answering button taps, leaving a chat."""

from __future__ import annotations

import json
import re
import time
from typing import Any

from bot.sandbox.errors import bad_request
from bot.sandbox.params import Method, param
from bot.sandbox.world import BotWorld

COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"


async def get_me(world: BotWorld, params: dict[str, Any]) -> dict[str, Any]:
    return {
        **world.me.as_user(),
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
    }


def _scope_key(params: dict[str, Any]) -> str:
    scope = params.get("scope") or {"type": "default"}
    return json.dumps([scope, params.get("language_code", "")], sort_keys=True)


async def set_my_commands(world: BotWorld, params: dict[str, Any]) -> bool:
    commands = params["commands"]
    if len(commands) > 100:
        raise bad_request("too many commands specified")
    for command in commands:
        if not isinstance(command, dict) or not COMMAND.match(str(command.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", ""))) <= 256:
            raise bad_request("command description is empty")
    world.commands[_scope_key(params)] = [
        {"command": c["command"], "description": c["description"]} for c in commands
    ]
    return True


async def get_my_commands(world: BotWorld, params: dict[str, Any]) -> list[dict[str, Any]]:
    return list(world.commands.get(_scope_key(params), []))


async def delete_my_commands(world: BotWorld, params: dict[str, Any]) -> bool:
    world.commands.pop(_scope_key(params), None)
    return True


async def answer_callback_query(world: BotWorld, params: dict[str, Any]) -> bool:
    query = world.callback_queries.get(params["callback_query_id"])
    too_old = query is None or time.monotonic() - query.asked_at > world.callback_answer_window
    if query is None or query.answered or too_old:
        raise bad_request(QUERY_TOO_OLD)
    if len(params.get("text", "")) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    query.answered = True
    query.text = params.get("text")
    query.show_alert = bool(params.get("show_alert", False))
    world.changed()
    return True


async def leave_chat(world: BotWorld, params: dict[str, Any]) -> bool:
    chat = world.chat_for_bot(params["chat_id"])
    if chat.type == "private":
        raise bad_request("chat member status can't be changed in private chats")
    chat.bot_is_member = False
    world.changed()
    return True


SCOPE = (param("scope", "BotCommandScope"), param("language_code", "String"))
METHODS = (
    Method("getMe", (), get_me, ("User",)),
    Method(
        "setMyCommands",
        (
            param("commands", "Array of BotCommand", required=True, missing="commands is empty"),
            *SCOPE,
        ),
        set_my_commands,
        ("Boolean",),
    ),
    Method("getMyCommands", SCOPE, get_my_commands, ("Array of BotCommand",)),
    Method("deleteMyCommands", SCOPE, delete_my_commands, ("Boolean",)),
    Method(
        "answerCallbackQuery",
        (
            param("callback_query_id", "String", required=True, missing=QUERY_TOO_OLD),
            param("text", "String"),
            param("show_alert", "Boolean"),
            param("url", "String"),
            param("cache_time", "Integer"),
        ),
        answer_callback_query,
        ("Boolean",),
    ),
    Method(
        "leaveChat",
        (param("chat_id", "Integer", "String", required=True, missing="chat_id is empty"),),
        leave_chat,
        ("Boolean",),
    ),
)
