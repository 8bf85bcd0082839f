"""What a failed request means for a duplicate: one that never left is safe to send again;
one that left and got no answer may have arrived (uncertain)."""

from __future__ import annotations

from typing import Any, cast

import httpx
import pytest
from telegram import Bot
from telegram.error import NetworkError, TimedOut

from models.outbox.delivery import Outcome, TryAgain, Uncertain
from scheduler.telegram_sender import TelegramSender

REQUEST = httpx.Request("POST", "https://api.telegram.org/botTOKEN/sendMessage")


class FailingBot:
    """Stands in for PTB's Bot at the one call the sender makes, raising as PTB raises."""

    def __init__(self, error: Exception) -> None:
        self.error = error
        self.timeouts: dict[str, Any] = {}

    async def send_message(self, **kwargs: Any) -> None:
        self.timeouts = {k: v for k, v in kwargs.items() if k.endswith("_timeout")}
        raise self.error


def _raised(error: Exception, cause: Exception) -> Exception:
    error.__cause__ = cause
    return error


async def _outcome(error: Exception) -> Outcome:
    bot = FailingBot(error)
    sender = TelegramSender(cast(Bot, bot), timeout=30)
    outcome = await sender.send(chat_id=1, text="Hi", reply_markup=None)
    assert bot.timeouts == {"read_timeout": 30, "write_timeout": 30, "connect_timeout": 5.0}
    return outcome


@pytest.mark.parametrize(
    "cause",
    [httpx.ConnectTimeout("no route", request=REQUEST), httpx.PoolTimeout("pool full")],
)
async def test_a_request_that_never_left_is_tried_again_not_uncertain(cause: Exception) -> None:
    assert isinstance(await _outcome(_raised(TimedOut(), cause)), TryAgain)


async def test_a_refused_connection_is_tried_again_not_uncertain() -> None:
    cause = httpx.ConnectError("All connection attempts failed", request=REQUEST)
    error = _raised(NetworkError("httpx.ConnectError: All connection attempts failed"), cause)
    assert isinstance(await _outcome(error), TryAgain)


async def test_no_answer_in_time_is_uncertain() -> None:
    cause = httpx.ReadTimeout("timed out", request=REQUEST)
    outcome = await _outcome(_raised(TimedOut(), cause))
    assert outcome == Uncertain("no answer within 30s")


async def test_a_connection_cut_before_the_answer_is_uncertain() -> None:
    cause = httpx.RemoteProtocolError("peer closed connection", request=REQUEST)
    error = _raised(NetworkError("httpx.RemoteProtocolError: peer closed connection"), cause)
    assert isinstance(await _outcome(error), Uncertain)


async def test_a_server_error_answer_is_tried_again() -> None:
    assert isinstance(await _outcome(NetworkError("Bad Gateway")), TryAgain)
