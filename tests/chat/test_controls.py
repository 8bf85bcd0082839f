"""The young person's controls: /help, /pause, /stop, /mydata, /delete, /tell, /language."""

from __future__ import annotations

from sqlalchemy import select

from models import ConversationState, Nudge, OutboundMessage, RightsRequest, TellMessage
from models.core.enums import NudgeKind, OutboxState, RightsKind, TellKind
from models.outbox.sending import enqueue_message
from tests.chat.kit import ChatSandbox
from tests.support.chat_journeys import council, record_of, referred, tap
from texts import chat as texts


async def test_help_is_a_menu_of_buttons_for_everything(sandbox: ChatSandbox) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    await sam.says("/help")
    menu = await sam.sees(texts.HELP)
    assert set(menu.buttons) == {
        texts.BTN_MY_PEOPLE,
        texts.BTN_MY_CIRCLE,
        texts.BTN_REMINDERS,
        texts.BTN_TELL,
        texts.BTN_PAUSE,
        texts.BTN_MY_DATA,
        texts.BTN_LANGUAGE,
        texts.BTN_STOP,
    }
    await tap(sam, texts.BTN_PAUSE)
    await tap(sam, texts.BTN_TWO_WEEKS)
    await sam.sees("No check-ins until Monday 16 March")
    record = await record_of(sandbox, sam)
    assert record is not None and record.paused_until is not None


async def test_stop_stops_everything_at_once_and_start_brings_it_back(
    sandbox: ChatSandbox,
) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    record = await record_of(sandbox, sam)
    assert record is not None
    async with sandbox.sessionmaker.begin() as session:
        await enqueue_message(
            session=session,
            organisation_id=record.organisation_id,
            chat_id=sam.chat_id,
            kind="reminder",
            body="Message Nan",
            now=sandbox.clock.now(),
            young_person_id=record.id,
        )
    await sam.says("/stop")
    stopped = await sam.sees("I will not send you any more messages")
    assert "the law says it must" in stopped.text
    async with sandbox.sessionmaker() as session:
        states = list(await session.scalars(select(OutboundMessage.state)))
        nudges = list(await session.scalars(select(Nudge.kind)))
    assert states == [OutboxState.cancelled]
    assert NudgeKind.stopped in nudges
    await sam.says("/start")
    await sam.sees("Your messages are on again")
    record = await record_of(sandbox, sam)
    assert record is not None and record.messages_stopped_at is None


async def test_mydata_says_plainly_what_is_held_and_logs_the_request(
    sandbox: ChatSandbox,
) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    await sam.says("/mydata")
    held = await sam.sees(texts.MY_DATA_INTRO)
    assert "The name you like: Sam" in held.text
    assert "within a month" in held.text
    async with sandbox.sessionmaker() as session:
        kinds = list(await session.scalars(select(RightsRequest.kind)))
    assert kinds == [RightsKind.access]


async def test_delete_removes_what_only_the_bot_holds(sandbox: ChatSandbox) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    await sam.says("/delete")
    await tap(sam, texts.BTN_NO_KEEP_IT)
    await sam.sees(texts.NOT_DELETED)
    await sam.says("/delete")
    await sam.sees("Your council keeps your case record")
    await tap(sam, texts.BTN_YES_DELETE)
    await sam.sees("I have deleted what this chat kept")
    await sandbox.settle()
    assert await record_of(sandbox, sam) is None
    async with sandbox.sessionmaker() as session:
        kinds = list(await session.scalars(select(RightsRequest.kind)))
        left = list(
            await session.scalars(
                select(ConversationState).where(ConversationState.chat_id == sam.chat_id)
            )
        )
    assert kinds == [RightsKind.deletion]
    assert left == []
    await sam.says("/mypeople")
    await sam.sees(texts.NOT_JOINED)


async def test_sam_tells_her_worker_good_news(sandbox: ChatSandbox) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    await sam.says("/tell")
    await tap(sam, texts.BTN_GOOD_NEWS)
    await sam.sees(texts.ASK_TELL_TEXT)
    await sam.says("I passed my driving test!")
    await sam.sees("Sent!")
    await sam.says("/tell")
    await tap(sam, texts.BTN_GET_IN_TOUCH)
    await sam.sees("Sent!")
    async with sandbox.sessionmaker() as session:
        told = list(await session.scalars(select(TellMessage).order_by(TellMessage.id)))
        nudges = set(await session.scalars(select(Nudge.kind)))
    assert [(t.kind, t.text) for t in told] == [
        (TellKind.good_news, "I passed my driving test!"),
        (TellKind.get_in_touch, None),
    ]
    assert {NudgeKind.told, NudgeKind.contact_asked} <= nudges


async def test_language_offers_what_the_catalog_has(sandbox: ChatSandbox) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    await sam.says("/language")
    choice = await sam.sees(texts.ASK_LANGUAGE)
    assert "English" in choice.buttons
    await tap(sam, "English")
    await sam.sees(texts.LANGUAGE_SET)
