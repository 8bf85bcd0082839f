"""A message from the bot as the kit shows it to tests: text, buttons, photo, edits."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.sandbox.world import BotWorld


@dataclass
class BotMessage:
    """A message from the bot, as it stands now (edits included)."""

    raw: dict[str, Any]
    world: BotWorld

    @property
    def text(self) -> str:
        return str(self.raw.get("text") or self.raw.get("caption") or "")

    @property
    def id(self) -> int:
        return int(self.raw["message_id"])

    @property
    def buttons(self) -> list[str]:
        rows = (self.raw.get("reply_markup") or {}).get("inline_keyboard", [])
        return [button["text"] for row in rows for button in row]

    @property
    def button_rows(self) -> list[list[dict[str, Any]]]:
        return list((self.raw.get("reply_markup") or {}).get("inline_keyboard", []))

    @property
    def photo(self) -> bytes | None:
        sizes = self.raw.get("photo")
        return self.world.files.get(sizes[-1]["file_id"]).content if sizes else None

    @property
    def document(self) -> bytes | None:
        document = self.raw.get("document")
        return self.world.files.get(document["file_id"]).content if document else None

    @property
    def edited(self) -> bool:
        return "edit_date" in self.raw

    def __repr__(self) -> str:
        extra = f" buttons={self.buttons}" if self.buttons else ""
        return f"<bot: {self.text!r}{' (photo)' if self.photo else ''}{extra}>"


def matches(expected: str | re.Pattern[str], text: str) -> bool:
    if isinstance(expected, re.Pattern):
        return expected.search(text) is not None
    return expected.casefold() in text.casefold()
