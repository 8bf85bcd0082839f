"""One bot's world in the sandbox: the people, their chats, what was said, what is pending.

The people's side (control API) lives here too: people send text, commands, photos and more,
tap buttons, edit messages, block and unblock the bot. Tests and the playground call it;
python-telegram-bot sees only the Bot API answers and the updates that result.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from bot.sandbox.calls import CallLog
from bot.sandbox.clock import Clock, WallClock
from bot.sandbox.errors import CHAT_NOT_FOUND, bad_request
from bot.sandbox.faults import Faults
from bot.sandbox.files import FileStore
from bot.sandbox.limits import Limits, RateLimiter
from bot.sandbox.updates import UpdateLog


@dataclass
class Person:
    """A Telegram user (or the bot itself)."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "en"
    is_bot: bool = False

    def as_user(self) -> dict[str, Any]:
        user: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key) is not None:
                user[key] = getattr(self, key)
        return user


@dataclass
class Entry:
    """One message in a chat, as it stands now (edits change it in place)."""

    message: dict[str, Any]
    from_bot: bool
    deleted: bool = False
    edits: int = 0


@dataclass
class Chat:
    id: int
    type: Literal["private", "group"]
    person: Person | None = None  # the other side of a private chat
    title: str | None = None
    members: dict[int, Person] = field(default_factory=dict)
    bot_is_member: bool = True
    opened: bool = False  # a private chat exists once the person has written to the bot
    blocked: bool = False  # the person blocked the bot
    entries: list[Entry] = field(default_factory=list)
    reply_keyboard: dict[str, Any] | None = None
    last_action: str | None = None
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def as_chat(self) -> dict[str, Any]:
        if self.type == "group":
            return {"id": self.id, "type": "group", "title": self.title or "Group"}
        assert self.person is not None
        chat: dict[str, Any] = {"id": self.id, "type": "private"}
        for key in ("first_name", "last_name", "username"):
            if getattr(self.person, key) is not None:
                chat[key] = getattr(self.person, key)
        return chat

    def next_message_id(self) -> int:
        return next(self._ids)

    def entry(self, message_id: int) -> Entry | None:
        return next(
            (e for e in self.entries if e.message["message_id"] == message_id and not e.deleted),
            None,
        )


@dataclass
class CallbackQuery:
    id: str
    asked_at: float
    answered: bool = False
    text: str | None = None
    show_alert: bool = False


class BotWorld:
    """Everything one bot token sees. Single event loop: no locks needed."""

    def __init__(
        self,
        token: str,
        *,
        username: str,
        first_name: str = "Kith",
        limits: Limits | None = None,
        clock: Clock | None = None,
        callback_answer_window: float = 15.0,
    ) -> None:
        self.token = token
        bot_id = int(token.split(":", 1)[0])
        self.me = Person(bot_id, first_name, username=username, language_code=None, is_bot=True)
        self.clock = clock or WallClock()
        self.limiter = RateLimiter(limits or Limits())
        self.faults = Faults()
        self.calls = CallLog()
        self.updates = UpdateLog(on_change=self.changed)
        self.files = FileStore()
        self.users: dict[int, Person] = {}
        self.chats: dict[int, Chat] = {}
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.callback_queries: dict[str, CallbackQuery] = {}
        self.callback_answer_window = callback_answer_window
        self._user_ids = itertools.count(bot_id * 10 + 1001)
        self._group_ids = itertools.count(4001)
        self._query_ids = itertools.count(1)
        self._changed = asyncio.Event()
        self.version = 0
        self.closed = False

    # Time and change notification -----------------------------------------------------

    def date(self) -> int:
        return int(self.clock.now().timestamp())

    def changed(self) -> None:
        self.version += 1
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait_until(self, check: Callable[[], Any], within: float) -> Any:
        """Wait until `check()` returns something truthy (and return it), or time out."""
        deadline = time.monotonic() + within
        while not (found := check()):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.closed:
                raise TimeoutError
            event = self._changed
            try:
                # Re-check now and then too: a change may come from outside the world.
                await asyncio.wait_for(event.wait(), min(remaining, 0.1))
            except TimeoutError:
                continue
        return found

    # People and chats -------------------------------------------------------------------

    def create_user(
        self,
        first_name: str,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
        opened: bool = False,
    ) -> Person:
        """A Telegram user; `opened=True` when they have already started the bot."""
        person = Person(next(self._user_ids), first_name, last_name, username, language_code)
        self.users[person.id] = person
        chat = Chat(id=person.id, type="private", person=person, opened=opened)
        chat.members[person.id] = person
        self.chats[person.id] = chat
        return person

    def private_chat(self, person: Person) -> Chat:
        return self.chats[person.id]

    def create_group(self, title: str, members: list[Person]) -> Chat:
        """A group chat the bot is not yet in (`add_bot_to_group` brings it in)."""
        chat = Chat(id=-next(self._group_ids), type="group", title=title, bot_is_member=False)
        chat.members = {m.id: m for m in members}
        self.chats[chat.id] = chat
        return chat

    def chat_for_bot(self, chat_id: Any) -> Chat:
        """The chat a Bot API call names, or 400 "chat not found" as Telegram says."""
        chat = self.chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None and isinstance(chat_id, str) and chat_id.startswith("@"):
            chat = next(
                (c for c in self.chats.values() if c.person and c.person.username == chat_id[1:]),
                None,
            )
        if chat is None:
            raise bad_request(CHAT_NOT_FOUND)
        return chat

    def record(self, chat: Chat, message: dict[str, Any], *, from_bot: bool) -> Entry:
        entry = Entry(message=message, from_bot=from_bot)
        chat.entries.append(entry)
        self.changed()
        return entry

    def new_message(self, chat: Chat, sender: Person, **content: Any) -> dict[str, Any]:
        message = {
            "message_id": chat.next_message_id(),
            "from": sender.as_user(),
            "chat": chat.as_chat(),
            "date": self.date(),
        }
        message.update({k: v for k, v in content.items() if v is not None})
        return message

    # Reading what the bot sent ------------------------------------------------------------

    def bot_messages(self, chat: Chat) -> list[dict[str, Any]]:
        return [e.message for e in chat.entries if e.from_bot and not e.deleted]

    def next_query_id(self) -> str:
        return f"{self.me.id}{next(self._query_ids):08d}"

    async def close(self) -> None:
        """Stop: pending waits (long polls, webhook delivery, playground pages) end now."""
        self.closed = True
        self.changed()
        await self.updates.close()
