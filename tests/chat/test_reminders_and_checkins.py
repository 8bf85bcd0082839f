"""Reminders built with buttons, birthday reminders, and answering a check-in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from models import CheckIn, Commitment, Meeting, Nudge, Reminder
from models.checkins.answers import wellbeing_markup
from models.core.enums import (
    CheckInState,
    CommitmentWho,
    Frequency,
    MeetingKind,
    NudgeKind,
    ReminderKind,
    Repeat,
)
from models.meetings.conference import record_conference_held
from tests.chat.kit import ChatSandbox
from tests.support.chat_journeys import council, record_of, referred, tap
from texts import chat as texts


async def test_remind_me_to_message_nan_every_sunday_at_5pm(sandbox: ChatSandbox) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    await sam.says("/mypeople")
    await tap(sam, texts.BTN_ADD_PERSON)
    await sam.says("Nan")
    await tap(sam, texts.REL_GRANDPARENT)
    for label in (texts.BTN_YES, texts.BTN_NO, texts.BTN_INNER):
        await tap(sam, label)
    await sam.says("7/3")
    await tap(sam, texts.BTN_NO)
    await sam.sees("I have added Nan")

    await sam.says("/reminders")
    await tap(sam, texts.BTN_NEW_REMINDER)
    await tap(sam, "Nan")
    await tap(sam, "Message Nan")
    await tap(sam, "Sun 8 Mar")  # the clock stands on Monday 2 March 2026
    await tap(sam, "5 PM")
    await tap(sam, texts.BTN_WEEKLY)
    await sam.sees("Done! I will remind you: Message Nan, Sunday 8 March, 5:00 PM")
    await sam.says("/reminders")
    await tap(sam, texts.BTN_BIRTHDAYS_ON)
    await sam.sees("3 days before")
    async with sandbox.sessionmaker() as session:
        reminders = list(await session.scalars(select(Reminder).order_by(Reminder.id)))
    own = [r for r in reminders if r.kind == ReminderKind.own]
    assert [(r.what, r.repeat, r.next_at) for r in own] == [
        ("Message Nan", Repeat.weekly, datetime(2026, 3, 8, 17, 0, tzinfo=UTC))
    ]
    assert sorted(r.next_at.date().day for r in reminders if r.kind == ReminderKind.birthday) == [
        4,
        7,
    ]

    await sam.says("/reminders")
    await tap(sam, "Cancel: Message Nan")
    await sam.sees(texts.REMINDER_CANCELLED)
    await sam.says("/reminders")
    await sam.sees(texts.NO_REMINDERS)


async def test_a_reminder_for_a_time_gone_by_asks_again(sandbox: ChatSandbox) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    await sam.says("/reminders")
    await tap(sam, texts.BTN_NEW_REMINDER)
    await tap(sam, texts.BTN_JUST_ME)
    await tap(sam, texts.WHAT_OWN)
    await sam.says("Take my tablets")
    await tap(sam, texts.BTN_TODAY)
    await tap(sam, "8 AM")  # 10:00 already
    await tap(sam, texts.BTN_ONCE)
    await sam.sees(texts.REMINDER_PAST)
    await tap(sam, texts.BTN_TOMORROW)
    await tap(sam, "8 AM")
    await tap(sam, texts.BTN_ONCE)
    await sam.sees("Take my tablets, Tuesday 3 March, 8:00 AM")


async def test_sam_answers_her_check_in_and_her_worker_is_nudged(sandbox: ChatSandbox) -> None:
    _, _, _coordinator = await council(sandbox)
    sam = await referred(sandbox)
    record = await record_of(sandbox, sam)
    assert record is not None
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
        session.add(
            Commitment(
                organisation_id=record.organisation_id,
                meeting_id=meeting.id,
                young_person_id=record.id,
                who=CommitmentWho.coordinator,
                what="Jo rings Sam every month",
                frequency=Frequency.monthly,
                created_at=now,
            )
        )
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
    # What the scheduler sends when the check-in is due (the scheduler issue owns the wording).
    await sandbox.runtime.bot.application.bot.send_message(
        sam.chat_id, "How are things?", reply_markup=wellbeing_markup(checkin.id, "Skip")
    )
    await tap(sam, "😞")
    await sam.sees("Did this happen? Jo rings Sam every month")
    await tap(sam, texts.BTN_NOT_YET)
    await sam.sees(texts.ASK_CHECKIN_MORE)
    await tap(sam, texts.BTN_GET_IN_TOUCH)
    await sam.sees(texts.CHECKIN_DONE)
    await sam.taps("😄")  # the same old check-in again
    await sam.sees(texts.CHECKIN_CLOSED)
    async with sandbox.sessionmaker() as session:
        answered = await session.get_one(CheckIn, checkin.id)
        nudges = set(await session.scalars(select(Nudge.kind)))
    assert answered.state == CheckInState.answered and answered.wellbeing == 1
    assert {NudgeKind.low_wellbeing, NudgeKind.contact_asked} <= nudges
    sandbox.clock.advance(timedelta(minutes=1))


async def test_every_check_in_question_can_be_skipped_in_one_tap(sandbox: ChatSandbox) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    record = await record_of(sandbox, sam)
    assert record is not None
    now = sandbox.clock.now()
    async with sandbox.sessionmaker.begin() as session:
        checkin = CheckIn(
            organisation_id=record.organisation_id,
            young_person_id=record.id,
            label="6 weeks",
            due_at=now,
            sent_at=now,
            state=CheckInState.sent,
            created_at=now,
        )
        session.add(checkin)
    await sandbox.runtime.bot.application.bot.send_message(
        sam.chat_id, "How are things?", reply_markup=wellbeing_markup(checkin.id, "Skip")
    )
    await tap(sam, "Skip")
    await tap(sam, texts.BTN_SKIP)
    await sam.sees(texts.CHECKIN_DONE)
    async with sandbox.sessionmaker() as session:
        answered = await session.get_one(CheckIn, checkin.id)
    assert answered.state == CheckInState.answered and answered.wellbeing is None


async def test_the_scheduler_sends_the_two_week_check_in_and_sam_answers_it(
    sandbox: ChatSandbox,
) -> None:
    """The check-in the scheduler sends is the one the bot's check-in conversation answers."""
    await council(sandbox)
    sam = await referred(sandbox)
    record = await record_of(sandbox, sam)
    assert record is not None
    async with sandbox.sessionmaker.begin() as session:
        conference = Meeting(
            organisation_id=record.organisation_id,
            young_person_id=record.id,
            kind=MeetingKind.conference,
            scheduled_at=sandbox.clock.now(),
            created_at=sandbox.clock.now(),
        )
        session.add(conference)
        await session.flush()
        [first, *_] = await record_conference_held(
            session=session, now=sandbox.clock.now(), conference=conference
        )
    sandbox.clock.set(first.due_at + timedelta(minutes=1))
    await sandbox.run_due_work()
    await sam.sees("How are things?")
    await tap(sam, "😄")
    await sam.sees(texts.ASK_CHECKIN_MORE)
    await tap(sam, texts.BTN_SKIP)
    await sam.sees(texts.CHECKIN_DONE)
    async with sandbox.sessionmaker() as session:
        answered = await session.get_one(CheckIn, first.id)
    assert answered.state == CheckInState.answered and answered.wellbeing == 5
