"""The Sender over python-telegram-bot: Telegram's answers turned into Kith's outcomes.

PTB raises by HTTP status: 429 → RetryAfter, 400 → BadRequest, 401/403 → Forbidden (or
InvalidToken), 5xx and broken connections → NetworkError, a slow answer → TimedOut.

What matters for a duplicate is whether the request left: a connection never made (or no
free connection in the pool) sent nothing, so trying again is safe; a timeout waiting for
the answer, or a connection cut mid-answer, may have delivered it (Uncertain). Telegram
sometimes answers slowly: `timeout` (KITH_SEND_TIMEOUT_SECONDS, 30) is long enough that its
normal slow answers arrive instead of being sent again.
"""

from __future__ import annotations

import warnings
from datetime import timedelta
from typing import Any

import httpx
from telegram import Bot, InlineKeyboardMarkup
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import ExtBot

from models.outbox.delivery import (
    Blocked,
    Delivered,
    Outcome,
    RateLimited,
    Refused,
    TryAgain,
    Uncertain,
)

# Passed as `rate_limit_args` so a rate limiter on the shared Bot knows the scheduler has
# already taken its slot from the shared send budget (and must not take a second one).
ALREADY_PACED = "kith:paced"


# The request never reached Telegram: nothing can have been delivered.
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)
SEND_TIMEOUT = 30.0
CONNECT_TIMEOUT = 5.0


def _seconds(value: int | float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _left(exc: TelegramError) -> bool:
    """Whether the request may have reached Telegram before it failed."""
    return not isinstance(exc.__cause__, NOT_SENT)


class TelegramSender:
    def __init__(self, bot: Bot, *, timeout: float = SEND_TIMEOUT) -> None:
        self._bot = bot
        self._timeout = timeout

    async def send(
        self, *, chat_id: int, text: str, reply_markup: dict[str, Any] | None
    ) -> Outcome:
        markup = InlineKeyboardMarkup.de_json(reply_markup, self._bot) if reply_markup else None
        wait = self._timeout
        connect = min(CONNECT_TIMEOUT, wait)
        try:
            if isinstance(self._bot, ExtBot):
                sent = await self._bot.send_message(
                    chat_id=chat_id,
                    text=text,
                    reply_markup=markup,
                    rate_limit_args=ALREADY_PACED,
                    read_timeout=wait,
                    write_timeout=wait,
                    connect_timeout=connect,
                )
            else:
                sent = await self._bot.send_message(
                    chat_id=chat_id,
                    text=text,
                    reply_markup=markup,
                    read_timeout=wait,
                    write_timeout=wait,
                    connect_timeout=connect,
                )
        except RetryAfter as exc:
            with warnings.catch_warnings():
                # PTB 22 warns that retry_after will become a timedelta: both are handled.
                warnings.simplefilter("ignore")
                return RateLimited(retry_after=_seconds(exc.retry_after))
        except TimedOut as exc:
            if _left(exc):
                # The message may have arrived: counted, and a retry may show it twice.
                return Uncertain(reason=f"no answer within {self._timeout:g}s")
            return TryAgain(reason=f"timed out before sending: {exc.message}")
        except InvalidToken as exc:
            return TryAgain(reason=f"bot token refused: {exc.message}")
        except Forbidden as exc:
            return Blocked(reason=exc.message)
        except (BadRequest, ChatMigrated) as exc:
            return Refused(reason=str(exc))
        except NetworkError as exc:
            if isinstance(exc.__cause__, httpx.HTTPError) and _left(exc):
                return Uncertain(reason=f"connection lost before the answer: {exc.message}")
            return TryAgain(reason=exc.message)
        except TelegramError as exc:
            return Refused(reason=str(exc))
        return Delivered(telegram_message_id=sent.message_id)
