"""Bad input of every kind: a kind, useful reply every time, nothing half-saved, no exception."""

from __future__ import annotations

import io
import logging
from datetime import timedelta

import pytest
from PIL import Image
from sqlalchemy import func, select

from models import Connection, ConversationState, Nudge, ProcessedUpdate
from models.core.enums import NudgeKind
from tests.chat.kit import ChatSandbox
from tests.support.chat_journeys import council, record_of, referred, tap
from texts import chat as texts
from texts import safety
from texts.catalog import t


def _tiny_png() -> bytes:
    picture = io.BytesIO()
    Image.new("RGB", (8, 8), "orange").save(picture, format="PNG")
    return picture.getvalue()


@pytest.fixture
def bot_errors(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.ERROR, logger="kith.bot")
    return caplog


async def test_things_that_are_not_words_get_a_kind_reply(
    sandbox: ChatSandbox, bot_errors: pytest.LogCaptureFixture
) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    await sam.sends_sticker()
    await sam.sees(texts.ONLY_WORDS)
    await sam.sends_photo(_tiny_png(), caption=None)
    await sam.sees(texts.ONLY_WORDS)
    await sam.sends_voice()
    await sam.sees(texts.ONLY_WORDS)
    await sam.sends_video()
    await sam.sees(texts.ONLY_WORDS)
    await sam.sends_document(b"hello", "notes.txt", "text/plain")
    await sam.sees(texts.ONLY_WORDS)
    await sam.sends_contact("+447700900123", "Nan")
    await sam.sees(texts.NO_CONTACTS)
    await sam.says("/dance")
    await sam.sees(texts.UNKNOWN_COMMAND)
    # Words nothing asked for are never dropped: they are offered to her worker.
    await sam.says("🙂🙂🙂")
    await sam.sees(safety.ASK_PASS_ON)
    await sam.says("x" * 5000)
    await sam.sees(safety.ASK_PASS_ON)
    await sam.forwards("see you at 6 at the station", "Jo")
    await sam.sees(safety.ASK_PASS_ON)
    await sam.says("مرحبا، كيف حالك؟")
    await sam.sees(safety.ASK_PASS_ON)
    sent = await sam.says("hello")
    await sam.sees(safety.ASK_PASS_ON)
    await sam.edits(sent, "hello again")
    await sam.sees(texts.EDITED)
    assert all(texts.NOT_UNDERSTOOD not in m.text for m in sam.messages())
    assert bot_errors.records == []


async def test_a_location_is_never_stored(sandbox: ChatSandbox) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    await sam.says("/mypeople")
    await tap(sam, texts.BTN_ADD_PERSON)
    await sam.sends_location(51.50722, -0.1275)
    await sam.sees("I don't keep places")
    await sandbox.settle()
    async with sandbox.sessionmaker() as session:
        kept = " ".join(await session.scalars(select(ConversationState.data)))
    assert "51.50722" not in kept and "0.1275" not in kept
    await sam.says("Nan")  # and the conversation goes on
    await sam.sees(texts.ASK_RELATIONSHIP)


async def test_a_name_in_any_script_old_buttons_and_two_taps(sandbox: ChatSandbox) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    await sam.says("/mypeople")
    await tap(sam, texts.BTN_ADD_PERSON)
    await sam.says("جدتي")
    await tap(sam, texts.REL_GRANDPARENT)
    await sam.says("typing instead of tapping")
    await sam.sees(safety.ASK_PASS_ON)
    await tap(sam, texts.BTN_NO)
    await sam.sees(safety.NOT_SENT)  # and the question again, with its buttons
    await sam.taps(texts.BTN_YES)
    # A right-to-left name in an English sentence comes wrapped in Unicode's invisible
    # isolates, so it cannot pull the words beside it out of order (texts/values.py).
    await sam.sees("Would you like to be in touch with \u2068جدتي\u2069")
    await sam.taps(texts.BTN_YES)
    await sam.taps(texts.BTN_YES)  # a second, quick tap on the same button
    await sam.sees(t("en", texts.ASK_CLOSENESS, name="جدتي"))
    await sam.sees(texts.STILL_WAITING)
    await sam.taps(texts.REL_FRIEND)  # an answered question's button
    await sam.sees(texts.STILL_WAITING)
    await sam.says("/cancel")
    await sam.sees(texts.CANCELLED)
    await sam.taps(texts.BTN_INNER)
    await sam.sees(texts.OLD_BUTTON)
    async with sandbox.sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(Connection)) == 0


async def test_a_conversation_left_for_a_day_carries_on(sandbox: ChatSandbox) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    await sam.says("/mypeople")
    await tap(sam, texts.BTN_ADD_PERSON)
    await sam.says("Jo")
    await tap(sam, texts.REL_FRIEND)
    sandbox.clock.advance(timedelta(days=1))
    await tap(sam, texts.BTN_YES)
    await sam.sees(texts.ASK_WANTS_CONTACT.format(name="Jo"))
    await sam.says("/help")  # a command leaves it, unsaved
    await sam.sees(texts.HELP)
    await sam.taps(texts.BTN_NO)
    await sam.sees(texts.OLD_BUTTON)
    async with sandbox.sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(Connection)) == 0


async def test_in_a_group_kith_says_so_and_leaves(sandbox: ChatSandbox) -> None:
    await council(sandbox)
    sam = sandbox.young_person("Sam")
    nan = sandbox.young_person("Nan")
    family = sandbox.group("Family", [sam, nan])
    await family.adds_bot(by=sam)
    await sandbox.settle()
    assert any(texts.PRIVATE_ONLY in m.text for m in family.messages())
    assert not family.bot_is_member


async def test_blocking_the_bot_marks_sam_unreachable_and_tells_her_worker(
    sandbox: ChatSandbox,
) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    await sam.blocks()
    await sandbox.settle()
    record = await record_of(sandbox, sam)
    assert record is not None and record.unreachable_at is not None
    async with sandbox.sessionmaker() as session:
        kinds = list(await session.scalars(select(Nudge.kind)))
    assert NudgeKind.unreachable in kinds
    await sam.unblocks()
    await sandbox.settle()
    record = await record_of(sandbox, sam)
    assert record is not None and record.unreachable_at is None


@pytest.mark.parametrize("kith_mode", ["webhook"])
async def test_a_repeated_update_has_one_effect(sandbox: ChatSandbox) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    await sandbox.settle()
    message = sandbox.world.new_message(
        sam.chat,
        sam.person,
        text="/stop",
        entities=[{"type": "bot_command", "offset": 0, "length": 5}],
    )
    retried = {"update_id": 987654, "message": message}
    await sandbox.runtime.bot.deliver(retried)
    await sandbox.runtime.bot.deliver(retried)
    await sandbox.settle()
    stopped = [m for m in sam.messages() if "any more messages" in m.text]
    assert len(stopped) == 1
    async with sandbox.sessionmaker() as session:
        nudge = await session.scalar(select(Nudge).where(Nudge.kind == NudgeKind.stopped))
        seen = await session.get(ProcessedUpdate, 987654)
    assert nudge is not None and nudge.occurrences == 1
    assert seen is not None
