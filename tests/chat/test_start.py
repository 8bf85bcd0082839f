"""Kith answers a young person through the sandbox, in polling and in webhook mode."""

from __future__ import annotations

import pytest

from tests.chat.kit import ChatSandbox
from texts import chat as texts


@pytest.mark.parametrize("kith_mode", ["polling", "webhook"])
async def test_sam_says_start_and_kith_answers(sandbox: ChatSandbox) -> None:
    sam = sandbox.young_person("Sam")
    await sam.says("/start")
    hello = await sam.sees(texts.WELCOME[:20])
    assert hello.text.startswith(texts.WELCOME)
    consent = await sam.sees(texts.ASK_CONSENT)
    assert sam.latest() == consent
