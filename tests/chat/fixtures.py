"""Fixtures for talking to Kith through the local Bot API sandbox (a pytest plugin loaded by
tests/conftest.py). One sandbox server runs for the whole session; each test gets its own bot
token, so its own people, chats and updates. See tests/chat/kit.py for the vocabulary."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.sandbox.app import Sandbox
from bot.sandbox.server import bind, serving
from bot.sandbox.world import BotWorld
from kith.runtime import build_runtime
from kith.settings import load_settings
from kith.system import System
from models.core.clock import ManualClock
from tests.chat.kit import ChatSandbox

TEST_KEY = "0TrJ6Jgk1Lzq9Ujvx7o3a8bYz2cq1m8aRkqWZ9h0W8Q="  # the same key tests/conftest.py uses


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


@pytest.fixture
def kith_mode() -> str:
    """How updates reach the bot: "polling" (default) or "webhook" (parametrise to change)."""
    return "polling"


@pytest.fixture
def kith_send_per_chat() -> float:
    """Kith's own per-chat send pace (KITH_SEND_PER_CHAT_PER_SECOND) in chat tests.

    Conversation tests are about what is said, not pacing, so Kith's shared send budget is
    lifted here as the sandbox's limit is in journeys.council; a test about pacing overrides
    this fixture (e.g. with 1.0, Telegram's real limit). The scheduler's own tests and
    bench/dispatch.py show pacing at the defaults.
    """
    return 50.0


@pytest.fixture
async def sandbox(
    sandbox_server: SandboxServer,
    bot_world: BotWorld,
    kith_mode: str,
    database_url: str,
    sessionmaker: async_sessionmaker[AsyncSession],
    clock: ManualClock,
    kith_send_per_chat: float,
) -> AsyncIterator[ChatSandbox]:
    """The whole of Kith running against the sandbox, on a fresh database (see kit.py)."""
    sock = bind()
    api_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    webhook = kith_mode == "webhook"
    settings = load_settings(
        _env_file=None,
        environment="test",
        database_url=database_url,
        encryption_keys=TEST_KEY,
        telegram_token=bot_world.token,
        telegram_api_url=sandbox_server.base_url,
        webhook_url=f"{api_url}/telegram/webhook" if webhook else None,
        webhook_secret=secrets.token_urlsafe(16) if webhook else None,
        send_per_chat_per_second=kith_send_per_chat,
    )
    system = System(settings, sessionmaker.kw["bind"], sessionmaker, clock)
    runtime = build_runtime(system)
    runtime.bot.poll_timeout = 2
    async with serving(runtime.app, sock):
        yield ChatSandbox(bot_world, runtime, clock, sessionmaker, api_url, kith_mode)
