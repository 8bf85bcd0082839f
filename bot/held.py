"""A message kept for a moment, until the young person answers the question it raised.

"Are you safe right now?" and "Shall I send this to your worker?" are answered by a tap, after
the message has gone: its words must wait somewhere. They wait in this chat's own state
(chat_data), because that is what /delete removes with everything else the bot holds (rule 7),
and because it survives a restart. Bounded: one message a slot (a new one replaces it), cut
at Telegram's 4096 characters, encrypted with the key ring the case record uses (the
conversation_state table holds no case data in the clear), removed as soon as it is answered,
and never used after HOLD_FOR. Locations are never held: the guards turn them away first.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.chat import Ctx, now
from models.core import crypto

HOLD_FOR = timedelta(hours=24)
MAX_HELD = 4096
SAFE = "held_safe"  # a message that may suggest danger, until "Are you safe?" is answered
OFFERED = "held_offer"  # a message the step could not use, until "Shall I send this?" is
SAID_OK = "said_ok"  # the fingerprint (never the words) of a message they said "I'm OK" to


@dataclass(frozen=True)
class Held:
    text: str
    category: str
    cue: str


def hold(context: Ctx, slot: str, text: str, *, category: str = "", cue: str = "") -> None:
    data = context.chat_data
    if data is None:
        return
    data[slot] = {
        "text": crypto.encrypt(text[:MAX_HELD]),
        "category": category,
        "cue": cue,
        "at": now(context).isoformat(),
    }


def take(context: Ctx, slot: str) -> Held | None:
    """The held message, removed from the slot; None when there is none, or it is too old."""
    data = context.chat_data
    found = data.pop(slot, None) if data is not None else None
    if not isinstance(found, dict):
        return None
    with contextlib.suppress(KeyError, ValueError, TypeError, crypto.UndecryptableError):
        if now(context) - datetime.fromisoformat(found["at"]) <= HOLD_FOR:
            return Held(crypto.decrypt(found["text"]), found["category"], found["cue"])
    return None


def fingerprint(text: str) -> str:
    return hashlib.sha256(" ".join(text.casefold().split()).encode()).hexdigest()[:16]


def said_ok(context: Ctx, text: str) -> None:
    """They said "I'm OK" to this message: sent again, it goes to the step, not the question."""
    if context.chat_data is not None:
        context.chat_data[SAID_OK] = fingerprint(text)


def was_said_ok(context: Ctx, text: str) -> bool:
    data = context.chat_data
    return data is not None and data.get(SAID_OK) == fingerprint(text)
