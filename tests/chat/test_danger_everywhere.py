"""Danger is read first in every state: the helplines at once, a person told, the step kept."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from PIL import Image
from sqlalchemy import select, update

from models import CheckIn, Meeting, Nudge, Organisation
from models.checkins.answers import wellbeing_markup
from models.core.enums import CheckInState, MeetingKind, NudgeKind, NudgeState, Urgency
from tests.chat.kit import ChatPerson, ChatSandbox
from tests.support.chat_journeys import COUNCIL, allocate, council, referred, tap
from texts import chat as texts
from texts import safety
from texts.catalog import t

HELPLINE = "Childline: call 0800 1111"


async def _concerns(sandbox: ChatSandbox) -> list[Nudge]:
    await sandbox.settle()
    async with sandbox.sessionmaker() as session:
        return list(await session.scalars(select(Nudge).where(Nudge.kind == NudgeKind.concern)))


async def _helplines_and_told(sam: ChatPerson) -> None:
    reply = await sam.sees(HELPLINE)
    assert texts.CONCERN_RAISED in reply.text


async def test_before_start_and_in_the_welcome_the_helplines_come_and_the_welcome_goes_on(
    sandbox: ChatSandbox,
) -> None:
    await council(sandbox)
    sam = sandbox.young_person("Sam")
    await sam.says("my step dad beats me")
    await sam.sees(HELPLINE)
    await sam.says("/start")
    await sam.sees(texts.ASK_CONSENT)
    await sam.says("he hits me")  # a button is awaited
    await sam.sees(HELPLINE)
    await sam.taps(texts.BTN_YES_GO_ON)  # the question above still has its buttons
    await sam.sees(texts.ASK_NAME)
    await sam.says("i want to kill myself")  # a step that takes any text
    await sam.sees(HELPLINE)
    await sam.says("Sam")  # the danger was not taken as her name
    await sam.sees("How old are you")
    assert await _concerns(sandbox) == []  # no council yet: nobody to tell, helplines only


async def test_in_a_check_in_while_paused_and_after_stop_a_concern_is_raised(
    sandbox: ChatSandbox,
) -> None:
    _, _, coordinator = await council(sandbox)
    sam = await referred(sandbox)
    record = await allocate(sandbox, sam, coordinator)
    now = sandbox.clock.now()
    async with sandbox.sessionmaker.begin() as session:
        meeting = Meeting(
            organisation_id=record.organisation_id,
            young_person_id=record.id,
            kind=MeetingKind.conference,
            scheduled_at=now,
            held_at=now,
            created_at=now,
        )
        session.add(meeting)
        await session.flush()
        checkin = CheckIn(
            organisation_id=record.organisation_id,
            young_person_id=record.id,
            meeting_id=meeting.id,
            label="2 weeks",
            due_at=now,
            sent_at=now,
            state=CheckInState.sent,
            created_at=now,
        )
        session.add(checkin)
    await sandbox.runtime.bot.application.bot.send_message(
        sam.chat_id, "How are things?", reply_markup=wellbeing_markup(checkin.id, "Skip")
    )
    await sam.says("i want to run away")  # a check-in waits for a face
    await _helplines_and_told(sam)
    await sam.taps("😞")
    await sam.sees(texts.ASK_CHECKIN_MORE)
    await sam.says("he hits me when mum is out")  # the check-in's own free-text step
    await _helplines_and_told(sam)
    await sam.taps(texts.BTN_SKIP)
    await sam.sees(texts.CHECKIN_DONE)
    await sam.says("/pause")
    await tap(sam, texts.BTN_ONE_WEEK)
    await sam.says("i want to hurt myself")
    await _helplines_and_told(sam)
    await sam.says("/stop")
    await sam.sees("I will not send you any more messages")
    await sam.says("he threatened me")
    await _helplines_and_told(sam)
    # Nothing she typed since closed it: one open urgent concern, raised four times.
    concerns = await _concerns(sandbox)
    assert len(concerns) == 1
    assert concerns[0].state == NudgeState.open and concerns[0].urgency == Urgency.urgent
    assert concerns[0].occurrences == 4
    async with sandbox.sessionmaker() as session:
        answered = await session.get_one(CheckIn, checkin.id)
    assert answered.free_text is None  # the danger was not filed as a check-in answer


def _png() -> bytes:
    picture = io.BytesIO()
    Image.new("RGB", (8, 8), "grey").save(picture, format="PNG")
    return picture.getvalue()


async def test_an_edit_a_caption_and_a_forward_are_read_for_danger(sandbox: ChatSandbox) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    sent = await sam.says("hi")
    await sam.sees(safety.ASK_PASS_ON)
    await sam.edits(sent, "hi. he hits me")
    await _helplines_and_told(sam)
    await sam.sends_photo(_png(), caption="look what he did, he punched me")
    await _helplines_and_told(sam)
    await sam.forwards("if you tell anyone I will hurt you. he threatened me again", "Unknown")
    await _helplines_and_told(sam)
    assert (await _concerns(sandbox))[0].occurrences == 3


async def test_out_of_hours_sam_hears_when_a_person_will_read_it_and_who_to_call(
    sandbox: ChatSandbox,
) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    async with sandbox.sessionmaker.begin() as session:
        await session.execute(
            update(Organisation)
            .where(Organisation.name == COUNCIL)
            .values(out_of_hours_phone="0300 123 4567")
        )
    sandbox.clock.set(datetime(2026, 3, 7, 20, 0, tzinfo=UTC))  # Saturday evening
    await sam.says("he hits me")
    reply = await sam.sees(HELPLINE)
    when = "Monday 9 March, 9:00 AM"
    assert t("en", safety.CONCERN_LATER, when=when) in reply.text
    assert t("en", safety.OUT_OF_HOURS_TEAM, phone="0300 123 4567") in reply.text
    assert texts.CONCERN_RAISED not in reply.text
    await sam.says("/help")
    await sam.sees(texts.HELP)  # and no second out-of-hours notice: she was told
    assert all("I'm a bot" not in m.text for m in sam.messages())
