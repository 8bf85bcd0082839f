"""Deep links into the bot (`https://t.me/<bot>?start=<code>`) and how long each kind lasts."""

from __future__ import annotations

from datetime import timedelta

# Long enough for a young person to open it at their own pace, short enough not to linger.
YOUNG_PERSON_INVITE_TTL = timedelta(days=7)
# A coordinator opens theirs on their phone straight away.
COORDINATOR_LINK_TTL = timedelta(hours=1)


def deep_link(bot_username: str, code: str) -> str:
    return f"https://t.me/{bot_username}?start={code}"
