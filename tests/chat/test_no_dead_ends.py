"""No dead ends: words a step cannot use are offered to the worker, then the chat carries on."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from models import ConversationState, Nudge, TellMessage
from models.core.enums import NudgeKind, TellKind
from tests.chat.kit import ChatSandbox
from tests.support.chat_journeys import council, referred, tap
from texts import chat as texts
from texts import safety
from texts.catalog import t


async def _told(sandbox: ChatSandbox) -> list[TellMessage]:
    async with sandbox.sessionmaker() as session:
        return list(await session.scalars(select(TellMessage)))


async def _kept(sandbox: ChatSandbox) -> str:
    await sandbox.settle()
    async with sandbox.sessionmaker() as session:
        return " ".join(await session.scalars(select(ConversationState.data)))


async def test_sam_types_where_a_button_is_awaited_and_it_reaches_her_worker(
    sandbox: ChatSandbox,
) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    await sam.says("/mypeople")
    await tap(sam, texts.BTN_ADD_PERSON)
    await sam.says("Nan")
    await sam.sees(texts.ASK_RELATIONSHIP)
    await sam.says("can I add my dog as well?")
    offer = await sam.sees(safety.ASK_PASS_ON)
    assert offer.buttons == [safety.BTN_YES_SEND, texts.BTN_NO]
    # Until she answers, her words wait encrypted, never in the clear.
    assert "my dog" not in await _kept(sandbox)
    await tap(sam, safety.BTN_YES_SEND)
    back = await sam.sees(texts.TOLD)
    # Back where she was: the same question, with its buttons, in the same message.
    assert texts.ASK_RELATIONSHIP in back.text and texts.REL_GRANDPARENT in back.buttons
    await tap(sam, texts.REL_GRANDPARENT)
    await sam.sees(t("en", texts.ASK_IN_TOUCH, name="Nan"))
    told = await _told(sandbox)
    assert [(m.kind, m.text) for m in told] == [(TellKind.passed_on, "can I add my dog as well?")]
    async with sandbox.sessionmaker() as session:
        assert NudgeKind.told in set(await session.scalars(select(Nudge.kind)))
    assert "my dog" not in await _kept(sandbox)


async def test_no_sends_nothing_and_keeps_nothing(sandbox: ChatSandbox) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    await sam.says("/pause")
    await sam.sees(texts.ASK_PAUSE)
    await sam.says("hmm not sure")
    await tap(sam, texts.BTN_NO)
    await sam.sees(safety.NOT_SENT)
    await sam.taps(texts.BTN_ONE_WEEK)  # the pause question above still works
    await sam.sees("No check-ins until")
    assert await _told(sandbox) == []
    kept = await _kept(sandbox)
    assert "not sure" not in kept and "held_offer" not in kept


async def test_after_a_flow_ends_and_after_stop_words_still_reach_the_worker(
    sandbox: ChatSandbox,
) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    await sam.says("thanks for today")
    await tap(sam, safety.BTN_YES_SEND)
    sent = await sam.sees(texts.TOLD)
    assert sent.buttons == []  # no step to go back to
    await sam.says("/stop")
    await sam.sees("I will not send you any more messages")
    await sam.says("can my worker ring me")
    await tap(sam, safety.BTN_YES_SEND)
    await sam.sees(texts.TOLD)
    assert [m.text for m in await _told(sandbox)] == ["thanks for today", "can my worker ring me"]


async def test_an_answer_a_day_later_finds_the_words_gone(sandbox: ChatSandbox) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    await sam.says("are you a real person?")
    await sam.sees(safety.ASK_PASS_ON)
    sandbox.clock.advance(timedelta(hours=25))
    await tap(sam, safety.BTN_YES_SEND)
    await sam.sees(safety.HELD_GONE)
    assert await _told(sandbox) == []


async def test_before_joining_sam_is_shown_where_she_was(sandbox: ChatSandbox) -> None:
    await council(sandbox)
    sam = sandbox.young_person("Sam")
    await sam.says("hello?")
    await sam.sees(texts.NOT_JOINED)
    await sam.says("/start")
    await sam.sees(texts.ASK_CONSENT)
    await sam.says("what is this for")
    again = await sam.sees(safety.STEP_AGAIN)
    assert texts.ASK_CONSENT in again.text and texts.BTN_YES_GO_ON in again.buttons
    await tap(sam, texts.BTN_YES_GO_ON)
    await sam.sees(texts.ASK_NAME)
    assert all(texts.STILL_WAITING not in m.text for m in sam.messages())
