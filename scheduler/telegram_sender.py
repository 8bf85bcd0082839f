"""The Sender over python-telegram-bot: Telegram's answers turned into Kith's outcomes.

PTB raises by HTTP status: 429 → RetryAfter, 400 → BadRequest, 401/403 → Forbidden (or
InvalidToken), 5xx and broken connections → NetworkError, a slow answer → TimedOut.
"""

from __future__ import annotations

import warnings
from datetime import timedelta
from typing import Any

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

from models.outbox.delivery import Blocked, Delivered, Outcome, RateLimited, Refused, TryAgain

# Passed as `rate_limit_args` so a rate limiter on the shared Bot knows the scheduler has
# already taken its slot from the shared send budget (and must not take a second one).
ALREADY_PACED = "kith:paced"


def _seconds(value: int | float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class TelegramSender:
    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def send(
        self, *, chat_id: int, text: str, reply_markup: dict[str, Any] | None
    ) -> Outcome:
        markup = InlineKeyboardMarkup.de_json(reply_markup, self._bot) if reply_markup else None
        try:
            if isinstance(self._bot, ExtBot):
                sent = await self._bot.send_message(
                    chat_id=chat_id, text=text, reply_markup=markup, rate_limit_args=ALREADY_PACED
                )
            else:
                sent = await self._bot.send_message(chat_id=chat_id, text=text, reply_markup=markup)
        except RetryAfter as exc:
            with warnings.catch_warnings():
                # PTB 22 warns that retry_after will become a timedelta: both are handled.
                warnings.simplefilter("ignore")
                return RateLimited(retry_after=_seconds(exc.retry_after))
        except TimedOut as exc:
            # The message may have arrived: a retry can duplicate it (documented, counted).
            return TryAgain(reason=f"timed out: {exc.message}")
        except InvalidToken as exc:
            return TryAgain(reason=f"bot token refused: {exc.message}")
        except Forbidden as exc:
            return Blocked(reason=exc.message)
        except (BadRequest, ChatMigrated) as exc:
            return Refused(reason=str(exc))
        except NetworkError as exc:
            return TryAgain(reason=exc.message)
        except TelegramError as exc:
            return Refused(reason=str(exc))
        return Delivered(telegram_message_id=sent.message_id)
