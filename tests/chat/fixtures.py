"""Fixtures for talking to Kith through the local Bot API sandbox (a pytest plugin loaded by
tests/conftest.py). One sandbox server runs for the whole session; each test gets its own bot
token, so its own people, chats and updates. See tests/chat/kit.py for the vocabulary."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from bot.sandbox.app import Sandbox
from bot.sandbox.server import bind, serving
from bot.sandbox.world import BotWorld
from models.clock import ManualClock


@dataclass(frozen=True)
class SandboxServer:
    sandbox: Sandbox
    url: str

    @property
    def base_url(self) -> str:
        """What python-telegram-bot's `base_url` wants: the token is appended to it."""
        return f"{self.url}/bot"


@pytest.fixture(scope="session")
async def sandbox_server() -> AsyncIterator[SandboxServer]:
    sandbox = Sandbox()
    async with serving(sandbox.app(), bind()) as served:
        yield SandboxServer(sandbox, served.url)
        await sandbox.close()


@pytest.fixture
async def bot_world(sandbox_server: SandboxServer, clock: ManualClock) -> AsyncIterator[BotWorld]:
    """A fresh bot in the sandbox, dating its messages by the test's clock."""
    world = sandbox_server.sandbox.new_bot(clock=clock)
    yield world
    await sandbox_server.sandbox.forget(world)
