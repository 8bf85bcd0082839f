"""Possible danger: one gentle question, "Are you safe right now?", and three answers that do
what they say. Never "Sorry, I didn't get that" to words that may be a disclosure."""

from __future__ import annotations

from sqlalchemy import select

from models import Nudge
from models.core.enums import NudgeKind, NudgeState, Urgency
from models.safeguarding.recognition import Tier, recognise
from tests.chat.kit import ChatPerson, ChatSandbox
from tests.support.chat_journeys import allocate, council, referred, tap
from texts import chat as texts
from texts import safety

# Said as young people say it; possible, not clear, in the recognition data (issue 13 part 1).
OWING = "i owe them money"
ANGRY = "my foster dad gets really angry"
ANSWERS = [safety.BTN_HELP_NOW, safety.BTN_TELL_WORKER, safety.BTN_IM_OK]


def test_these_words_are_possible_danger_not_clear() -> None:
    for said in (OWING, ANGRY):
        reading = recognise(said)
        assert reading is not None and reading.tier == Tier.possible, (said, reading)


async def _concerns(sandbox: ChatSandbox) -> list[Nudge]:
    await sandbox.settle()
    async with sandbox.sessionmaker() as session:
        return list(await session.scalars(select(Nudge).where(Nudge.kind == NudgeKind.concern)))


async def _adding_nan(sam: ChatPerson) -> None:
    await sam.says("/mypeople")
    await tap(sam, texts.BTN_ADD_PERSON)
    await sam.says("Nan")
    await sam.sees(texts.ASK_RELATIONSHIP)


async def test_i_need_help_now_gives_the_helplines_and_an_urgent_concern(
    sandbox: ChatSandbox,
) -> None:
    _, _, coordinator = await council(sandbox)
    sam = await referred(sandbox)
    await allocate(sandbox, sam, coordinator)
    alex = await sandbox.coordinator(coordinator, "Alex")
    await _adding_nan(sam)
    await sam.says(OWING)
    question = await sam.sees(safety.ARE_YOU_SAFE)
    assert question.buttons == ANSWERS
    await tap(sam, safety.BTN_HELP_NOW)
    reply = await sam.sees("Childline: call 0800 1111")
    assert texts.CONCERN_RAISED in reply.text
    await alex.sees("URGENT")
    concern = (await _concerns(sandbox))[0]
    assert concern.urgency == Urgency.urgent and OWING in (concern.detail or "")
    assert "need help now" in (concern.detail or "")
    assert all(texts.NOT_UNDERSTOOD not in m.text for m in sam.messages())


async def test_tell_my_worker_passes_her_words_on_and_she_carries_on(sandbox: ChatSandbox) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    await _adding_nan(sam)
    await sam.says(ANGRY)
    await tap(sam, safety.BTN_TELL_WORKER)
    back = await sam.sees(safety.SENT_TO_WORKER)
    assert texts.ASK_RELATIONSHIP in back.text and texts.REL_GRANDPARENT in back.buttons
    await tap(sam, texts.REL_GRANDPARENT)
    await sam.sees("Are you in touch with")
    concern = (await _concerns(sandbox))[0]
    assert ANGRY in (concern.detail or "") and "Tell my worker" in (concern.detail or "")
    assert concern.state == NudgeState.open


async def test_im_ok_carries_on_and_tells_nobody(sandbox: ChatSandbox) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    await sam.says("/tell")
    await tap(sam, texts.BTN_WORRY)
    await sam.sees(texts.ASK_TELL_TEXT)
    await sam.says(OWING)
    await tap(sam, safety.BTN_IM_OK)
    back = await sam.sees(safety.GLAD_OK)
    assert texts.ASK_TELL_TEXT in back.text  # back at the step she was at
    await sam.says(OWING)  # the same words again: she said she is OK, so the step takes them
    await sam.sees("Sent!")
    assert await _concerns(sandbox) == []


async def test_before_joining_the_question_has_no_worker_to_tell(sandbox: ChatSandbox) -> None:
    await council(sandbox)
    sam = sandbox.young_person("Sam")
    await sam.says(OWING)
    question = await sam.sees(safety.ARE_YOU_SAFE)
    assert question.buttons == [safety.BTN_HELP_NOW, safety.BTN_IM_OK]
    await tap(sam, safety.BTN_HELP_NOW)
    await sam.sees("Childline: call 0800 1111")
    assert await _concerns(sandbox) == []
