"""The simulated young people of bench/chat.py: scripted chats through the local Bot API sandbox.

Each young person is a sandbox user who types and taps exactly as the chat test kit's people
do (`bot.sandbox.people`): every action becomes a Telegram update that the sandbox delivers to
the bot's webhook over HTTP. The latency of one step is from the moment the update is queued
in the sandbox to the moment the bot's reply (the message that carries the next question)
reaches the sandbox: sandbox delivery, the webhook route, the bot's queue, the handler, the
database and the sendMessage call back over HTTP are all inside it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from bot.sandbox import people
from bot.sandbox.world import BotWorld, Chat, Entry, Person

# Past this a step counts as failed. Long: flat out, 500 people queue for many seconds.
STEP_TIMEOUT = 120.0


@dataclass(frozen=True)
class Step:
    """One thing a young person does, and how to know the bot has answered it."""

    kind: Literal["say", "tap"]
    value: str  # the text typed, or the button's callback data
    # The answer carries a button whose callback data starts with this; None: any new message.
    expect: str | None


PEOPLE_THEY_ADD = [("Nan", "grandparent"), ("Jo", "friend"), ("Auntie Sue", "aunt_uncle")]


def adding_someone(name: str, relationship: str) -> list[Step]:
    """Kith's "add someone to my people" conversation, one button at a time."""
    return [
        Step("tap", "pp:add", None),
        Step("say", name, "pp:rel:"),
        Step("tap", f"pp:rel:{relationship}", "pp:touch:"),
        Step("tap", "pp:touch:yes", "pp:want:"),
        Step("tap", "pp:want:yes", "pp:close:"),
        Step("tap", "pp:close:inner", "pp:bday:skip"),
        Step("tap", "pp:bday:skip", "pp:worry:"),
        Step("tap", "pp:worry:no", "pp:add"),
    ]


def three_people() -> list[Step]:
    """Open "my people", then add three people: 25 updates."""
    steps = [Step("say", "/mypeople", "pp:add")]
    for name, relationship in PEOPLE_THEY_ADD:
        steps += adding_someone(name, relationship)
    return steps


def any_reply(steps: list[Step]) -> list[Step]:
    """The same actions for the echo bot, which answers every update with one message."""
    return [Step(s.kind, s.value, None) for s in steps]


@dataclass
class Waiting:
    expect: str | None
    arrived: asyncio.Future[float]


def _carries(message: dict[str, Any], prefix: str) -> bool:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return any(str(b.get("callback_data", "")).startswith(prefix) for row in rows for b in row)


class Replies:
    """Watches what the bot sends: wakes the one young person whose reply just arrived.

    (Waking only that chat's waiter keeps the harness's own cost per update constant, so
    500 people waiting do not cost 500 checks per message.)
    """

    def __init__(self, world: BotWorld) -> None:
        self.waiting: dict[int, Waiting] = {}
        recorded = world.record

        def record(chat: Chat, message: dict[str, Any], *, from_bot: bool) -> Entry:
            entry = recorded(chat, message, from_bot=from_bot)
            if from_bot:
                self._arrived(chat.id, message)
            return entry

        world.record = record  # type: ignore[method-assign]

    def _arrived(self, chat_id: int, message: dict[str, Any]) -> None:
        waiting = self.waiting.get(chat_id)
        if waiting is None or waiting.arrived.done():
            return
        if waiting.expect is None or _carries(message, waiting.expect):
            waiting.arrived.set_result(time.perf_counter())

    def expect(self, chat_id: int, expect: str | None) -> asyncio.Future[float]:
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiting[chat_id] = Waiting(expect, future)
        return future


@dataclass
class Tally:
    """What one phase measured."""

    latencies: list[float] = field(default_factory=list)  # seconds
    failures: int = 0
    finished: int = 0  # young people who got through every step
    people_added: int = 0  # answered "anything worrying?": the person is saved
    started: float = 0.0
    ended: float = 0.0

    @property
    def updates(self) -> int:
        return len(self.latencies)

    @property
    def seconds(self) -> float:
        return self.ended - self.started

    @property
    def per_second(self) -> float:
        return self.updates / self.seconds if self.seconds > 0 else 0.0

    def percentile_ms(self, share: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
        return ordered[index] * 1000


class Pacer:
    """Lets steps start at a fixed overall rate (tickets), whoever is free to take one."""

    def __init__(self, per_second: float) -> None:
        self.per_second = per_second
        self.tickets: asyncio.Queue[None] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    async def _issue(self) -> None:
        start = time.perf_counter()
        issued = 0
        while True:
            issued += 1
            delay = start + issued / self.per_second - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            self.tickets.put_nowait(None)

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._issue())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)


class Crowd:
    """Young people talking to one bot through the sandbox."""

    def __init__(self, world: BotWorld, young_people: list[Person]) -> None:
        self.world = world
        self.young_people = young_people
        self.replies = Replies(world)

    def _act(self, person: Person, step: Step) -> None:
        if step.kind == "say":
            people.says(self.world, person, step.value)
            return
        chat = self.world.private_chat(person)
        latest = next(e.message for e in reversed(chat.entries) if e.from_bot)
        people.taps(self.world, person, latest, step.value)

    async def _talk(
        self,
        person: Person,
        steps: list[Step],
        tally: Tally,
        pacer: Pacer | None,
        still: Callable[[], bool],
    ) -> None:
        for step in steps:
            if pacer is not None:
                await pacer.tickets.get()
            if not still():
                return
            arrived = self.replies.expect(person.id, step.expect)
            sent = time.perf_counter()
            self._act(person, step)
            try:
                replied = await asyncio.wait_for(arrived, STEP_TIMEOUT)
            except TimeoutError:
                tally.failures += 1
                return
            tally.latencies.append(replied - sent)
            tally.people_added += step.value.startswith("pp:worry:")
        tally.finished += 1

    async def run(
        self,
        steps: list[Step],
        *,
        per_second: float | None = None,
        seconds: float | None = None,
        who: list[Person] | None = None,
    ) -> Tally:
        """Everyone goes through `steps` at once: flat out or paced, for at most `seconds`."""
        who = self.young_people if who is None else who
        tally = Tally(started=time.perf_counter())
        deadline = tally.started + seconds if seconds is not None else float("inf")
        pacer = Pacer(per_second) if per_second is not None else None
        if pacer is not None:
            pacer.start()
            if seconds is not None:
                # At the deadline, everyone still waiting for a ticket gets one and stops.
                everyone = len(who)
                asyncio.get_running_loop().call_later(
                    seconds, lambda: [pacer.tickets.put_nowait(None) for _ in range(everyone)]
                )
        try:
            await asyncio.gather(
                *(
                    self._talk(person, steps, tally, pacer, lambda: time.perf_counter() < deadline)
                    for person in who
                )
            )
        finally:
            if pacer is not None:
                await pacer.stop()
        tally.ended = time.perf_counter()
        return tally
