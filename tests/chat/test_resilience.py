"""When the Bot API stumbles, Kith keeps listening and nothing Sam said is lost."""

from __future__ import annotations

import pytest

from tests.chat.kit import ChatSandbox
from texts import chat as texts


async def test_a_burst_of_server_errors_while_polling_loses_nothing(sandbox: ChatSandbox) -> None:
    sandbox.world.faults.server_errors(2, methods=["getUpdates"])
    sam = sandbox.young_person("Sam")
    await sam.says("/start")
    await sam.sees(texts.WELCOME[:20], within=15)


async def test_dropped_connections_while_polling_lose_nothing(sandbox: ChatSandbox) -> None:
    sandbox.world.faults.drop_connections(2, methods=["getUpdates"])
    sam = sandbox.young_person("Sam")
    await sam.says("/start")
    await sam.sees(texts.WELCOME[:20], within=15)


@pytest.mark.parametrize("kith_mode", ["webhook"])
async def test_a_webhook_that_was_down_gets_the_update_later(sandbox: ChatSandbox) -> None:
    webhook = sandbox.world.updates.webhook
    assert webhook is not None
    real_url = webhook.url
    webhook.url = real_url.replace("/telegram/webhook", "/not-here")  # Kith answers 404
    sam = sandbox.young_person("Sam")
    await sam.says("/start")
    await sandbox.world.wait_until(lambda: webhook.last_error_message, within=5)
    webhook.url = real_url
    await sam.sees(texts.WELCOME[:20], within=15)
