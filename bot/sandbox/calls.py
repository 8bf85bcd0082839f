"""Every Bot API call a world answered, when, to which chat, with what status: the instrument
tests and bench/dispatch.py read to check Telegram's limits from Telegram's side.

Off by default (the playground runs for days); `BotWorld.calls.start()` turns it on.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Call:
    at: float  # time.monotonic() when the answer was decided
    method: str
    chat_id: int | None
    text: str | None
    status: int  # 200, Telegram's error code, or 0 for a connection dropped mid-answer


@dataclass
class CallLog:
    calls: list[Call] = field(default_factory=list)
    on: bool = False

    def start(self) -> None:
        self.on = True

    def record(self, method: str, params: dict[str, Any], status: int) -> None:
        if not self.on:
            return
        chat = params.get("chat_id")
        try:
            chat_id: int | None = int(chat) if chat is not None else None
        except (TypeError, ValueError):
            chat_id = None
        text = params.get("text")
        self.calls.append(
            Call(time.monotonic(), method, chat_id, text if isinstance(text, str) else None, status)
        )

    def sends(self, *, status: int | None = None) -> list[Call]:
        """sendMessage calls (those answered `status`, when given), in the order answered."""
        return [
            c
            for c in self.calls
            if c.method == "sendMessage" and (status is None or c.status == status)
        ]
