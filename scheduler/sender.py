"""What the scheduler needs from Telegram: one call that sends, and says what happened.

`kith` wires this to the python-telegram-bot Bot that bot/application.py builds (whose base
URL points at Telegram or the local sandbox), through `TelegramSender`; the scheduler never
imports the bot package.
"""

from __future__ import annotations

from typing import Any, Protocol

from models.outbox.delivery import Outcome


class Sender(Protocol):
    async def send(
        self, *, chat_id: int, text: str, reply_markup: dict[str, Any] | None
    ) -> Outcome:
        """Send one message; every failure comes back as an Outcome, never as an exception."""
        ...
