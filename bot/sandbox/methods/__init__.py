"""Every Bot API method the sandbox serves, by name (Telegram's names are case-insensitive)."""

from __future__ import annotations

from bot.sandbox.methods import bot, media, messages, updates
from bot.sandbox.params import Method

ALL: tuple[Method, ...] = (*bot.METHODS, *messages.METHODS, *media.METHODS, *updates.METHODS)
BY_NAME: dict[str, Method] = {method.name.lower(): method for method in ALL}
