"""The conversation test kit: tests that read like a chat with Kith.

The whole system runs for each test — the real API, the real python-telegram-bot bot (and the
scheduler once it is wired in kith/runtime.py) — against the local Bot API sandbox over real
HTTP, on a fresh database (SQLite and PostgreSQL), with a ManualClock the test moves.

Fixtures (tests/chat/fixtures.py, loaded for every test):

- ``sandbox`` — a running Kith and its Telegram stand-in (a :class:`ChatSandbox`). Polling mode
  by default; to run a test in both modes, parametrise the ``kith_mode`` fixture::

      @pytest.mark.parametrize("kith_mode", ["polling", "webhook"])
      async def test_sam_says_hello(sandbox): ...

  ``sandbox.clock`` is the ManualClock (also the ``clock`` fixture), ``sandbox.sessionmaker``
  the database, ``sandbox.world`` the raw sandbox state (faults, limits, files),
  ``sandbox.api_url`` the running API (e.g. for httpx calls to the coordinator API).
- ``bot_world`` / ``sandbox_server`` — the bare sandbox without Kith (for python-telegram-bot
  level tests, see tests/sandbox/).

Vocabulary::

    sam = sandbox.young_person("Sam")
    await sam.says("/start")                 # a command carries its bot_command entity
    reply = await sam.sees("Hi")             # waits (default 5 s) for a bot message, new or
                                             # edited since Sam's last action and not yet seen,
                                             # containing "Hi" (str: case-insensitive
                                             # substring; or a compiled regex); marks it seen
    reply.text, reply.buttons, reply.photo   # labels of inline buttons; photo bytes or None
    await sam.taps("Yes")                    # an inline button (callback_query), else a
                                             # reply-keyboard button (sent as text)
    sam.latest()                             # the bot's latest message to Sam (or None)
    sam.messages()                           # everything the bot has sent Sam, as it stands
    await sam.sees_nothing_new()             # after the system settled: nothing unseen
    await sam.sends_photo(png_bytes) / sends_location(lat, lon) / sends_contact(...) /
        sends_sticker() / sends_voice() / sends_video() / sends_document(...) /
        edits(message, "new text") / replies(message, "text") / forwards("text", "Jo")
    await sam.blocks() / await sam.unblocks()   # my_chat_member updates
    await sandbox.settle()                   # every update delivered and handled

Coordinators' chats (where nudges arrive)::

    alex = await sandbox.coordinator(user)   # `user` a models.User; links its telegram_chat_id
    await alex.sees("needs you")

Groups: ``family = sandbox.group("Family", [sam, nan])``; ``await family.adds_bot(by=sam)``;
``await sam.says_in(family, "hi")``.

Telegram misbehaving (see bot/sandbox/faults.py, limits.py)::

    sandbox.world.faults.server_errors(2, methods=["sendMessage"])   # 502 twice
    sandbox.world.faults.slow(3.0, count=1)                          # a slow answer
    sandbox.world.faults.drop_connections(1, methods=["getUpdates"])
    sandbox.world.limiter.limits = Limits(per_chat_burst=1)          # stricter 429s

Time: ``sandbox.clock.advance(timedelta(days=14))`` moves time; the scheduler runs inside Kith
(its outbox ticks every second of real time); ``await sandbox.run_due_work()`` runs every job
now, so a test need not wait for the minute-long ticks.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.sandbox import people
from bot.sandbox.world import BotWorld, CallbackQuery, Chat, Person
from kith.runtime import Runtime
from models.core.clock import ManualClock
from models.staff.user import User
from tests.chat.messages import BotMessage, matches

TIMEOUT = 5.0


@dataclass
class ChatPerson:
    """Someone talking to Kith in Telegram: a young person or a coordinator."""

    sandbox: ChatSandbox
    person: Person
    _seen: dict[int, int] = field(default_factory=dict)  # message id -> edits, at last action

    @property
    def chat_id(self) -> int:
        return self.person.id

    @property
    def name(self) -> str:
        return self.person.first_name

    @property
    def chat(self) -> Chat:
        return self.sandbox.world.private_chat(self.person)

    def _mark(self) -> None:
        self._seen = {e.message["message_id"]: e.edits for e in self.chat.entries if e.from_bot}

    def _fresh(self) -> list[BotMessage]:
        fresh = [
            e
            for e in self.chat.entries
            if e.from_bot
            and not e.deleted
            and (
                e.message["message_id"] not in self._seen
                or e.edits > self._seen[e.message["message_id"]]
            )
        ]
        return [BotMessage(e.message, self.sandbox.world) for e in fresh]

    def messages(self) -> list[BotMessage]:
        return [
            BotMessage(m, self.sandbox.world) for m in self.sandbox.world.bot_messages(self.chat)
        ]

    def latest(self) -> BotMessage | None:
        found = self.messages()
        return found[-1] if found else None

    async def sees(self, expected: str | re.Pattern[str], *, within: float = TIMEOUT) -> BotMessage:
        """Wait for a bot message, new or edited since this person's last action, that matches."""

        def found() -> BotMessage | None:
            return next((m for m in self._fresh() if matches(expected, m.text)), None)

        try:
            seen: BotMessage = await self.sandbox.world.wait_until(found, within=within)
        except TimeoutError:
            shown = "\n  ".join(repr(m) for m in self.messages()) or "(nothing)"
            raise AssertionError(
                f"{self.name} did not see {expected!r} within {within}s. The bot sent:\n  {shown}"
            ) from None
        entry = self.chat.entry(seen.id)
        self._seen[seen.id] = entry.edits if entry else 0  # read: not new any more
        return seen

    async def sees_nothing_new(self) -> None:
        """After the system settled, no bot message this person has not yet seen."""
        await self.sandbox.settle()
        fresh = self._fresh()
        assert not fresh, f"{self.name} was sent {fresh}"

    async def says(self, text: str) -> dict[str, Any]:
        self._mark()
        return people.says(self.sandbox.world, self.person, text)

    async def says_in(self, group: GroupChat, text: str) -> dict[str, Any]:
        return people.says(self.sandbox.world, self.person, text, chat=group.chat)

    async def replies(self, to: BotMessage, text: str) -> dict[str, Any]:
        self._mark()
        return people.replies(self.sandbox.world, self.person, to.raw, text)

    async def taps(self, label: str) -> CallbackQuery | None:
        """Tap the newest button with this label: inline (callback_query) or reply keyboard."""
        for message in reversed(self.messages()):
            for row in message.button_rows:
                for button in row:
                    if button["text"] == label and "callback_data" in button:
                        self._mark()
                        return people.taps(
                            self.sandbox.world, self.person, message.raw, button["callback_data"]
                        )
        keyboard = self.chat.reply_keyboard or {}
        labels = [b["text"] for row in keyboard.get("keyboard", []) for b in row]
        if label in labels:
            await self.says(label)
            return None
        latest = self.latest()
        raise AssertionError(
            f"{self.name} sees no button {label!r}; inline: {latest.buttons if latest else []}, "
            f"keyboard: {labels}"
        )

    async def edits(self, message: dict[str, Any], text: str) -> dict[str, Any]:
        self._mark()
        return people.edits(self.sandbox.world, self.person, message, text)

    async def forwards(self, text: str, from_name: str = "Someone") -> dict[str, Any]:
        self._mark()
        return people.forwards(self.sandbox.world, self.person, text, from_name)

    async def sends_photo(self, content: bytes, caption: str | None = None) -> dict[str, Any]:
        self._mark()
        return people.sends_photo(self.sandbox.world, self.person, content, caption)

    async def sends_document(
        self, content: bytes, file_name: str, mime_type: str
    ) -> dict[str, Any]:
        self._mark()
        return people.sends_document(self.sandbox.world, self.person, content, file_name, mime_type)

    async def sends_sticker(self, emoji: str = "👍") -> dict[str, Any]:
        self._mark()
        return people.sends_sticker(self.sandbox.world, self.person, emoji)

    async def sends_voice(self, seconds: int = 3) -> dict[str, Any]:
        self._mark()
        return people.sends_voice(self.sandbox.world, self.person, seconds)

    async def sends_video(self, seconds: int = 5) -> dict[str, Any]:
        self._mark()
        return people.sends_video(self.sandbox.world, self.person, seconds)

    async def sends_location(self, latitude: float, longitude: float) -> dict[str, Any]:
        self._mark()
        return people.sends_location(self.sandbox.world, self.person, latitude, longitude)

    async def sends_contact(self, phone_number: str, first_name: str) -> dict[str, Any]:
        self._mark()
        return people.sends_contact(self.sandbox.world, self.person, phone_number, first_name)

    async def blocks(self) -> None:
        self._mark()
        people.blocks(self.sandbox.world, self.person)

    async def unblocks(self) -> None:
        self._mark()
        people.unblocks(self.sandbox.world, self.person)


@dataclass
class GroupChat:
    sandbox: ChatSandbox
    chat: Chat

    async def adds_bot(self, *, by: ChatPerson) -> None:
        people.adds_bot_to_group(self.sandbox.world, by.person, self.chat)

    def messages(self) -> list[BotMessage]:
        return [
            BotMessage(m, self.sandbox.world) for m in self.sandbox.world.bot_messages(self.chat)
        ]

    @property
    def bot_is_member(self) -> bool:
        return self.chat.bot_is_member


@dataclass
class ChatSandbox:
    """A running Kith wired to the sandbox: the `sandbox` fixture."""

    world: BotWorld
    runtime: Runtime
    clock: ManualClock
    sessionmaker: async_sessionmaker[AsyncSession]
    api_url: str
    mode: str

    def young_person(self, name: str, **details: Any) -> ChatPerson:
        """A Telegram user who has not written to the bot yet."""
        return ChatPerson(self, self.world.create_user(name, **details))

    async def coordinator(self, user: User, name: str | None = None) -> ChatPerson:
        """A staff member's own chat with the bot, linked to their account (for nudges)."""
        person = self.world.create_user(name or user.display_name.split()[0], opened=True)
        async with self.sessionmaker.begin() as session:
            await session.execute(
                update(User).where(User.id == user.id).values(telegram_chat_id=person.id)
            )
        user.telegram_chat_id = person.id
        return ChatPerson(self, person)

    def group(self, title: str, members: list[ChatPerson]) -> GroupChat:
        return GroupChat(self, self.world.create_group(title, [m.person for m in members]))

    async def run_due_work(self) -> None:
        """Run the scheduler's jobs now (after moving the clock), instead of waiting for a tick."""
        assert self.runtime.scheduler is not None
        await self.runtime.scheduler.scheduler.tick()

    async def settle(self, *, within: float = TIMEOUT) -> None:
        """Wait until every update was delivered to the bot and handled."""
        queue = self.runtime.bot.application.update_queue
        for _ in range(2):  # a handled update may cause another (e.g. a tap after a message)
            await self.world.wait_until(lambda: not self.world.updates.pending, within=within)
            await asyncio.wait_for(queue.join(), within)
