"""Telegram accepts a method's parameters as a query string, a form, JSON or multipart; so does
the sandbox, answering in Telegram's envelope with the status equal to error_code."""

from __future__ import annotations

import httpx

from bot.sandbox import people
from bot.sandbox.world import BotWorld
from tests.chat.fixtures import SandboxServer


async def test_json_query_string_and_errors_in_telegrams_envelope(
    sandbox_server: SandboxServer, bot_world: BotWorld
) -> None:
    sam = bot_world.create_user("Sam")
    people.says(bot_world, sam, "/start")
    base = f"{sandbox_server.url}/bot{bot_world.token}"
    keyboard = {"inline_keyboard": [[{"text": "Yes", "callback_data": "yes"}]]}
    async with httpx.AsyncClient() as client:
        by_json = await client.post(
            f"{base}/sendMessage", json={"chat_id": sam.id, "text": "Hi", "reply_markup": keyboard}
        )
        by_query = await client.get(f"{base}/getMe")
        case_blind = await client.post(f"{base}/SENDMESSAGE", data={"chat_id": sam.id, "text": "x"})
        empty = await client.post(f"{base}/sendMessage", json={"chat_id": sam.id, "text": ""})
        garbled = await client.post(
            f"{base}/sendMessage", content=b"{", headers={"content-type": "application/json"}
        )
        unknown = await client.post(f"{base}/sendPigeon", json={})
        wrong_token = await client.post(f"{sandbox_server.url}/bot1:nope/getMe")
    assert by_json.json()["result"]["reply_markup"] == keyboard
    assert by_query.json()["result"]["is_bot"] is True
    assert case_blind.json()["ok"] is True
    assert empty.status_code == 400
    assert empty.json() == {
        "ok": False,
        "error_code": 400,
        "description": "Bad Request: message text is empty",
    }
    assert garbled.status_code == 400
    assert (unknown.status_code, unknown.json()["description"]) == (404, "Not Found")
    assert (wrong_token.status_code, wrong_token.json()["description"]) == (401, "Unauthorized")
