"""Sam's reminders, her check-in answers and the nudges they raise; her controls and rights."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from models import CheckIn, Commitment, Meeting, Nudge, OutboundMessage, Reminder, RightsRequest
from models.checkins.answers import (
    CheckInClosedError,
    finish_checkin,
    open_checkin,
    plan_commitments,
    record_commitment_answer,
    record_wellbeing,
)
from models.core.clock import ManualClock
from models.core.enums import (
    CheckInState,
    Closeness,
    CommitmentAnswerValue,
    CommitmentWho,
    Frequency,
    MeetingKind,
    NudgeKind,
    OutboxState,
    ReminderKind,
    Repeat,
    RightsKind,
    TellKind,
)
from models.core.working_hours import next_reading
from models.network.people import PersonDetails, name_person
from models.outbox.sending import enqueue_message
from models.reminders.setting import (
    ReminderError,
    advance_reminder,
    cancel_reminder,
    own_reminders,
    set_birthday_reminders,
    set_reminder,
)
from models.young_people.controls import pause_checkins, stop_messages
from models.young_people.my_data import (
    delete_bot_data,
    held_about,
    request_rights,
    tell_coordinator,
)
from tests.support import factories


async def _sam(session, clock):
    org = await factories.organisation(session, clock.now())
    coordinator = await factories.user(session, clock.now(), org)
    sam = await factories.young_person(session, clock.now(), org, coordinator=coordinator)
    sam.telegram_chat_id = 4242
    return org, sam


async def test_remind_me_to_message_nan_every_sunday_at_5pm(session, clock: ManualClock) -> None:
    _, sam = await _sam(session, clock)  # clock: Monday 2 March 2026, 10:00 UTC (GMT)
    reminder = await set_reminder(
        session=session,
        now=clock.now(),
        young_person=sam,
        what="Message Nan",
        day=date(2026, 3, 8),
        at=time(17, 0),
        repeat=Repeat.weekly,
    )
    assert reminder.next_at == datetime(2026, 3, 8, 17, 0, tzinfo=UTC)
    advance_reminder(reminder, sent_at=reminder.next_at)
    assert reminder.next_at == datetime(2026, 3, 15, 17, 0, tzinfo=UTC)
    advance_reminder(reminder, sent_at=datetime(2026, 3, 22, 17, 0, tzinfo=UTC))
    # British Summer Time began on 29 March: 5pm local is 16:00 UTC.
    assert reminder.next_at == datetime(2026, 3, 29, 16, 0, tzinfo=UTC)
    assert [r.what for r in await own_reminders(session=session, young_person=sam)] == [
        "Message Nan"
    ]
    await cancel_reminder(session=session, young_person=sam, reminder_id=reminder.id)
    assert await own_reminders(session=session, young_person=sam) == []


async def test_a_reminder_in_the_past_is_refused(session, clock: ManualClock) -> None:
    _, sam = await _sam(session, clock)
    with pytest.raises(ReminderError):
        await set_reminder(
            session=session,
            now=clock.now(),
            young_person=sam,
            what="Call",
            day=date(2026, 3, 2),
            at=time(8, 0),
            repeat=Repeat.once,
        )


async def test_birthday_reminders_three_days_ahead_and_on_the_day(
    session, clock: ManualClock
) -> None:
    _, sam = await _sam(session, clock)
    await name_person(
        session=session,
        now=clock.now(),
        young_person=sam,
        details=PersonDetails(
            "Nan", "grandparent", True, False, Closeness.inner, date(1950, 3, 20), False
        ),
    )
    made = await set_birthday_reminders(session=session, now=clock.now(), young_person=sam, on=True)
    assert sorted(r.next_at.date() for r in made) == [date(2026, 3, 17), date(2026, 3, 20)]
    await set_birthday_reminders(session=session, now=clock.now(), young_person=sam, on=False)
    rows = await session.scalars(select(Reminder).where(Reminder.kind == ReminderKind.birthday))
    assert list(rows) == []


async def _checkins(session, clock, org, sam, count=2):
    meeting = Meeting(
        organisation_id=org.id,
        young_person_id=sam.id,
        kind=MeetingKind.conference,
        scheduled_at=clock.now(),
        held_at=clock.now(),
        created_at=clock.now(),
    )
    session.add(meeting)
    await session.flush()
    commitment = Commitment(
        organisation_id=org.id,
        meeting_id=meeting.id,
        young_person_id=sam.id,
        who=CommitmentWho.young_person,
        what="Join the football club",
        frequency=Frequency.weekly,
        created_at=clock.now(),
    )
    checkins = [
        CheckIn(
            organisation_id=org.id,
            young_person_id=sam.id,
            meeting_id=meeting.id,
            label=f"{n} weeks",
            due_at=clock.now() + timedelta(weeks=n),
            state=CheckInState.sent,
            created_at=clock.now(),
        )
        for n in range(1, count + 1)
    ]
    session.add_all([commitment, *checkins])
    await session.flush()
    return commitment, checkins


async def test_falling_wellbeing_and_not_yet_twice_nudge(session, clock: ManualClock) -> None:
    org, sam = await _sam(session, clock)
    commitment, (first, second) = await _checkins(session, clock, org, sam)
    assert [
        c.id for c, _ in await plan_commitments(session=session, young_person=sam, checkin=first)
    ] == [commitment.id]
    for checkin, wellbeing in ((first, 5), (second, 3)):
        opened = await open_checkin(session=session, young_person=sam, checkin_id=checkin.id)
        await record_wellbeing(
            session=session, now=clock.now(), young_person=sam, checkin=opened, value=wellbeing
        )
        await record_commitment_answer(
            session=session,
            now=clock.now(),
            young_person=sam,
            checkin=opened,
            commitment_id=commitment.id,
            answer=CommitmentAnswerValue.not_yet,
        )
        await finish_checkin(
            session=session,
            now=clock.now(),
            young_person=sam,
            checkin=opened,
            free_text=None,
            wants_contact=False,
        )
    kinds = sorted(await session.scalars(select(Nudge.kind)))
    assert kinds == [NudgeKind.commitment_not_yet, NudgeKind.low_wellbeing]
    with pytest.raises(CheckInClosedError):
        await open_checkin(session=session, young_person=sam, checkin_id=first.id)


async def test_stop_cancels_pending_messages_and_tells_the_coordinator(
    session, clock: ManualClock
) -> None:
    org, sam = await _sam(session, clock)
    await enqueue_message(
        session=session,
        organisation_id=org.id,
        chat_id=4242,
        kind="reminder",
        body="Hi",
        now=clock.now(),
        young_person_id=sam.id,
    )
    await stop_messages(session=session, now=clock.now(), young_person=sam)
    assert list(await session.scalars(select(OutboundMessage.state))) == [OutboxState.cancelled]
    assert list(await session.scalars(select(Nudge.kind))) == [NudgeKind.stopped]
    until = pause_checkins(now=clock.now(), young_person=sam, weeks=2)
    assert until == clock.now() + timedelta(weeks=2)


async def test_mydata_delete_and_tell(session, clock: ManualClock) -> None:
    _, sam = await _sam(session, clock)
    await tell_coordinator(
        session=session,
        now=clock.now(),
        young_person=sam,
        kind=TellKind.good_news,
        text="I got into college!",
    )
    held = await held_about(session=session, young_person=sam)
    assert (held.preferred_name, held.messages_to_coordinator) == ("Sam", 1)
    request = await request_rights(
        session=session, now=clock.now(), young_person=sam, kind=RightsKind.deletion
    )
    assert request.due_by == datetime(2026, 4, 2, 10, 0, tzinfo=UTC)
    await delete_bot_data(session=session, now=clock.now(), young_person=sam, chat_id=4242)
    assert sam.telegram_chat_id is None
    assert len(list(await session.scalars(select(RightsRequest)))) == 1


def test_out_of_hours_says_when_a_person_reads_it() -> None:
    from models import Organisation

    org = Organisation(
        name="N", slug="n", timezone="Europe/London", working_start=time(9), working_end=time(17)
    )
    friday_night = datetime(2026, 4, 3, 20, 0, tzinfo=UTC)  # Good Friday, a bank holiday
    assert next_reading(friday_night, org) == datetime(2026, 4, 7, 8, 0, tzinfo=UTC)
    assert next_reading(datetime(2026, 3, 2, 10, 0, tzinfo=UTC), org) is None
