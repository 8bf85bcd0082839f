"""Random sequences of updates, in every state: nothing escapes, everything is answered.

Hypothesis throws texts (danger words, names, numbers, any unicode), taps on any button ever
sent, non-text messages, edits and commands at the bot. After each step the update must have
been answered; at the end no handler error was logged and the database is consistent.
"""

from __future__ import annotations

import asyncio
import itertools
import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from models import Connection, Consent, ConversationState, Referral, Reminder, YoungPerson
from tests.chat.kit import ChatPerson, ChatSandbox
from tests.support.chat_journeys import council

COMMANDS = [
    "/start",
    "/help",
    "/mypeople",
    "/mycircle",
    "/reminders",
    "/pause",
    "/stop",
    "/mydata",
    "/delete",
    "/tell",
    "/language",
    "/cancel",
    "/dance",
    "/start bad-code",
]
WORDS = ["Sam", "Nan", "14", "25/12", "😀", "جدتي", "I want to die", "ok", "x" * 1200]
actions = st.one_of(
    st.tuples(st.just("say"), st.sampled_from(COMMANDS + WORDS)),
    st.tuples(st.just("say"), st.text(min_size=1, max_size=30).filter(lambda t: t.strip())),
    st.tuples(st.just("tap"), st.integers(min_value=0, max_value=10_000)),
    st.tuples(
        st.just("send"), st.sampled_from(["sticker", "location", "contact", "voice", "edit"])
    ),
)
names = itertools.count(1)


class HandlerErrors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


async def act(person: ChatPerson, action: tuple[str, object]) -> str | None:
    """Do one thing; return the callback query id when it was a tap."""
    kind, value = action
    if kind == "say":
        await person.says(str(value))
    elif kind == "tap":
        buttons = [(m, b) for m in person.messages() for row in m.button_rows for b in row]
        if not buttons:
            await person.says("/help")
            return None
        message, button = buttons[int(str(value)) % len(buttons)]
        person._mark()
        from bot.sandbox import people

        return people.taps(
            person.sandbox.world, person.person, message.raw, button["callback_data"]
        ).id
    elif value == "sticker":
        await person.sends_sticker()
    elif value == "location":
        await person.sends_location(53.4808, -2.2426)
    elif value == "contact":
        await person.sends_contact("+447700900123", "Nan")
    elif value == "voice":
        await person.sends_voice()
    else:
        sent = await person.says("hello")
        await person.sandbox.settle()
        await person.edits(sent, "hello, edited")
    return None


@pytest.mark.slow
async def test_random_updates_are_always_answered_and_leave_the_database_consistent(
    sandbox: ChatSandbox,
) -> None:
    await council(sandbox)
    errors = HandlerErrors()
    for name in ("kith.bot", "telegram.ext"):
        logging.getLogger(name).addHandler(errors)

    @settings(
        max_examples=25,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.lists(actions, min_size=1, max_size=8))
    def chat(steps: list[tuple[str, object]]) -> None:
        # Hypothesis drives from a worker thread; each chat runs on the test's event loop,
        # where the bot and the sandbox live.
        asyncio.run_coroutine_threadsafe(one_chat(steps), loop).result(timeout=120)

    async def one_chat(steps: list[tuple[str, object]]) -> None:
        person = sandbox.young_person(f"Young person {next(names)}")
        for step in steps:
            taken.append(step)
            query_id = await act(person, step)
            await sandbox.settle()
            if query_id is not None:
                assert sandbox.world.callback_queries[query_id].answered, step
            else:
                assert person._fresh(), f"no answer to {step}"

    loop = asyncio.get_running_loop()
    taken: list[tuple[str, object]] = []
    try:
        await asyncio.to_thread(chat)
    finally:
        for name in ("kith.bot", "telegram.ext"):
            logging.getLogger(name).removeHandler(errors)
    print(f"\n{len(taken)} random updates, {sum(k == 'tap' for k, _ in taken)} of them taps")
    assert len(taken) >= 30
    assert [r.getMessage() for r in errors.records] == []
    async with sandbox.sessionmaker() as session:
        people = list(await session.scalars(select(YoungPerson)))
        for person in people:
            referrals = await session.scalar(
                select(func.count()).where(Referral.young_person_id == person.id)
            )
            consents = await session.scalar(
                select(func.count()).where(Consent.young_person_id == person.id)
            )
            assert referrals == 1 and consents == 2
        orphans = await session.scalar(
            select(func.count())
            .select_from(Connection)
            .where(Connection.young_person_id.not_in(select(YoungPerson.id)))
        )
        assert orphans == 0
        assert (
            await session.scalar(
                select(func.count())
                .select_from(Reminder)
                .where(Reminder.active, Reminder.next_at.is_(None))
            )
            == 0
        )
        kept = " ".join(await session.scalars(select(ConversationState.data)))
        assert "53.4808" not in kept
