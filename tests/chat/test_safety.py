"""Safety first: danger words at any point get the helplines at once and an urgent nudge."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from models import Nudge, OutboundMessage
from models.core.enums import NudgeKind, NudgeState, Urgency
from tests.chat.kit import ChatSandbox
from tests.support.chat_journeys import allocate, council, referred, tap
from texts import chat as texts


async def test_danger_words_mid_conversation_get_helplines_and_an_urgent_nudge(
    sandbox: ChatSandbox,
) -> None:
    _, manager, coordinator = await council(sandbox)
    sam = await referred(sandbox)
    await allocate(sandbox, sam, coordinator)
    alex = await sandbox.coordinator(coordinator, "Alex")
    morgan = await sandbox.coordinator(manager, "Morgan")
    await sam.says("/mypeople")
    await tap(sam, texts.BTN_ADD_PERSON)
    await sam.says("he hits me when I'm home")
    help_now = await sam.sees("Childline: call 0800 1111")
    assert "Samaritans: call 116 123" in help_now.text and "call 999" in help_now.text
    assert texts.CONCERN_RAISED in help_now.text
    # The conversation goes on where it was: the words were not taken as a name.
    await sam.says("Nan")
    await sam.sees(texts.ASK_RELATIONSHIP)
    await sam.says("/cancel")
    await sam.says("all fine now, forget it")
    await sandbox.settle()
    async with sandbox.sessionmaker() as session:
        concern = await session.scalar(select(Nudge).where(Nudge.kind == NudgeKind.concern))
        urgent = list(
            await session.scalars(
                select(OutboundMessage.chat_id).where(OutboundMessage.kind == "nudge")
            )
        )
    assert concern is not None and concern.urgency == Urgency.urgent
    assert concern.state == NudgeState.open
    assert sorted(urgent) == sorted([alex.chat_id, morgan.chat_id])


async def test_out_of_hours_sam_is_told_when_a_person_will_read_it(sandbox: ChatSandbox) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    sandbox.clock.set(datetime(2026, 3, 7, 20, 0, tzinfo=UTC))  # Saturday evening
    await sam.says("/tell")
    await sam.sees(
        "no one is reading right now. A person will read your messages by Monday 9 March, 9:00 AM"
    )
    await tap(sam, texts.BTN_WORRY)
    await sam.says("I had a fight at school")
    await sam.sees("A person will read it by Monday 9 March, 9:00 AM")


async def test_before_joining_the_helplines_still_come_at_once(sandbox: ChatSandbox) -> None:
    await council(sandbox)
    sam = sandbox.young_person("Sam")
    await sam.says("I want to run away")
    await sam.sees("Runaway Helpline: call or text 116 000")
