"""Updates reach the bot by long poll or by webhook, in order, and none is lost."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from telegram import Bot
from telegram.error import Conflict

from bot.sandbox import people
from bot.sandbox.server import bind, serving
from bot.sandbox.world import BotWorld
from tests.chat.fixtures import SandboxServer


async def test_a_long_poll_answers_when_sam_writes(bot: Bot, bot_world: BotWorld) -> None:
    sam = bot_world.create_user("Sam")
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.05)
    assert not poll.done()
    people.says(bot_world, sam, "/start")
    updates = await asyncio.wait_for(poll, 2)
    assert updates[0].message.text == "/start"
    assert updates[0].message.entities[0].type == "bot_command"


async def test_updates_stay_until_a_later_offset_confirms_them(
    bot: Bot, bot_world: BotWorld
) -> None:
    sam = bot_world.create_user("Sam")
    for text in ("one", "two", "three"):
        people.says(bot_world, sam, text)
    first = await bot.get_updates(limit=2)
    assert [u.message.text for u in first] == ["one", "two"]
    again = await bot.get_updates()
    assert [u.message.text for u in again] == ["one", "two", "three"]
    rest = await bot.get_updates(offset=first[-1].update_id + 1)
    assert [u.message.text for u in rest] == ["three"]
    assert await bot.get_updates(offset=rest[-1].update_id + 1) == ()


async def test_a_second_poller_ends_the_first_with_a_conflict(
    bot: Bot, bot_world: BotWorld, sandbox_server: SandboxServer
) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.05)
    async with Bot(bot_world.token, base_url=sandbox_server.base_url) as another_instance:
        second = asyncio.create_task(another_instance.get_updates(timeout=1))
        with pytest.raises(Conflict, match="terminated by other getUpdates request"):
            await asyncio.wait_for(first, 2)
        assert await second == ()


async def test_webhook_delivery_carries_the_secret_and_retries_until_accepted(
    bot: Bot, bot_world: BotWorld
) -> None:
    received: list[tuple[str | None, dict[str, Any]]] = []
    arrived = asyncio.Event()

    async def hook(request: Request) -> Response:
        received.append(
            (request.headers.get("x-telegram-bot-api-secret-token"), await request.json())
        )
        if len(received) == 1:
            return Response(status_code=500)  # the first attempt fails
        arrived.set()
        return Response()

    receiver = Starlette(routes=[Route("/hook", hook, methods=["POST"])])
    async with serving(receiver, bind()) as served:
        await bot.set_webhook(f"{served.url}/hook", secret_token="our-secret")
        sam = bot_world.create_user("Sam")
        people.says(bot_world, sam, "hello")
        await asyncio.wait_for(arrived.wait(), 3)
        info = await bot.get_webhook_info()
        await bot.delete_webhook()
    assert [secret for secret, _ in received] == ["our-secret", "our-secret"]
    assert received[0][1] == received[1][1]
    assert received[1][1]["message"]["text"] == "hello"
    assert info.pending_update_count == 0
    assert "500" in (info.last_error_message or "")
    assert json.dumps(received[1][1])  # a plain JSON update, as Telegram posts it
