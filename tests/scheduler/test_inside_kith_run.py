"""The scheduler runs inside `kith run`, on the same event loop as the bot and the API."""

from __future__ import annotations

from datetime import timedelta

from bot.sandbox.world import Person
from models import Meeting, User, YoungPerson
from models.core.enums import MeetingKind, Role
from models.meetings.conference import record_conference_held
from models.safeguarding.concerns import detect_danger, raise_concern
from tests.chat.kit import ChatSandbox
from tests.support import factories


async def _coordinator_and_sam(sandbox: ChatSandbox) -> tuple[User, int, Person]:
    sam_on_telegram = sandbox.world.create_user("Sam", opened=True)
    async with sandbox.sessionmaker.begin() as session:
        now = sandbox.clock.now()
        org = await factories.organisation(session, now)
        coordinator = await factories.user(session, now, org, Role.coordinator)
        sam = await factories.young_person(session, now, org, coordinator=coordinator)
        sam.telegram_chat_id = sam_on_telegram.id
    return coordinator, sam.id, sam_on_telegram


async def test_an_urgent_concern_reaches_the_coordinators_phone_without_anyone_asking(
    sandbox: ChatSandbox,
) -> None:
    coordinator, sam_id, _ = await _coordinator_and_sam(sandbox)
    alex = await sandbox.coordinator(coordinator, "Alex")
    async with sandbox.sessionmaker.begin() as session:
        sam = await session.get_one(YoungPerson, sam_id)
        words = "I want to hurt myself"
        match = detect_danger(words)
        assert match is not None
        await raise_concern(
            session=session,
            now=sandbox.clock.now(),
            young_person=sam,
            message_text=words,
            match=match,
        )
    # No call from the test: the outbox job, ticking inside Kith, sends it.
    nudge = await alex.sees("URGENT")
    assert "Sam" in nudge.text and "hurt" not in nudge.text
    assert nudge.buttons == ["Acknowledge"]


async def test_the_two_week_check_in_arrives_when_the_clock_reaches_it(
    sandbox: ChatSandbox,
) -> None:
    coordinator, sam_id, sam_on_telegram = await _coordinator_and_sam(sandbox)
    async with sandbox.sessionmaker.begin() as session:
        conference = Meeting(
            organisation_id=coordinator.organisation_id,
            young_person_id=sam_id,
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
    sam_chat = sandbox.world.private_chat(sam_on_telegram)
    [checkin] = sandbox.world.bot_messages(sam_chat)
    assert "2 weeks since your family meeting" in checkin["text"]
