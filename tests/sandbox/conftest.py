"""A python-telegram-bot `Bot` on a fresh sandbox bot, for the sandbox's own tests."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot

from bot.sandbox.world import BotWorld
from tests.chat.fixtures import SandboxServer


@pytest.fixture
async def bot(sandbox_server: SandboxServer, bot_world: BotWorld) -> AsyncIterator[Bot]:
    async with Bot(
        bot_world.token,
        base_url=sandbox_server.base_url,
        base_file_url=f"{sandbox_server.url}/file/bot",
    ) as bot:
        yield bot
