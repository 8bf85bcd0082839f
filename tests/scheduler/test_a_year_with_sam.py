"""A whole year after Sam's family group conference, with the clock moved, not waited for:
every check-in and reminder reaches her (in the sandbox) once, on its day, never in quiet
hours — through the October and March clock changes."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.sandbox.limits import Limits
from bot.sandbox.world import BotWorld
from models import OutboundMessage, Reminder
from models.checkins.checkin import CheckIn
from models.core.clock import ManualClock
from models.core.enums import (
    CheckInState,
    OutboxState,
    Repeat,
)
from models.reminders.birthdays import set_birthday_reminders
from models.reminders.own import set_reminder
from tests.chat.fixtures import SandboxServer
from tests.scheduler.sandboxed import sandboxed_scheduler
from tests.support.people import someone
from tests.support.scheduler_world import build_world, hold_conference

LONDON = ZoneInfo("Europe/London")
START = datetime(2026, 9, 1, 10, 0, tzinfo=UTC)
END = datetime(2027, 9, 7, 12, 0, tzinfo=UTC)


async def _next_moment(session: AsyncSession) -> datetime | None:
    """When something next falls due: what a minute-by-minute scheduler would wake for."""
    candidates = [
        await session.scalar(
            select(func.min(CheckIn.due_at)).where(CheckIn.state == CheckInState.scheduled)
        ),
        await session.scalar(select(func.min(Reminder.next_at)).where(Reminder.active)),
        await session.scalar(
            select(func.min(OutboundMessage.due_at)).where(
                OutboundMessage.state == OutboxState.pending
            )
        ),
    ]
    for checkin in await session.scalars(select(CheckIn).where(CheckIn.state == "sent")):
        assert checkin.sent_at is not None
        if checkin.reminded_at is None:
            candidates.append(checkin.sent_at + timedelta(hours=48))
        candidates.append(checkin.sent_at + timedelta(days=5))
    found = [c for c in candidates if c is not None]
    return min(found) if found else None


async def test_a_year_of_check_ins_and_reminders_reaches_sam_once_each_on_time(
    sandbox_server: SandboxServer,
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    clock = ManualClock(START)
    # Time is moved, not waited for: a year of Sam's messages goes out in a few real seconds,
    # so both sides allow many a second in one chat (pacing has its own tests).
    fast = Limits(per_chat_per_second=1000, per_chat_burst=1000)
    world: BotWorld = sandbox_server.sandbox.new_bot(clock=clock, limits=fast)
    sam_on_telegram = world.create_user("Sam", opened=True)
    async with sessionmaker.begin() as session:
        kith = await build_world(session, clock.now(), sam_chat=sam_on_telegram.id)
        await hold_conference(session, clock.now(), kith.sam)
        await set_reminder(
            session=session,
            now=clock.now(),
            young_person=kith.sam,
            what="Call Nan",
            day=date(2026, 9, 6),
            at=time(17, 0),
            repeat=Repeat.weekly,
        )
        await set_reminder(
            session=session,
            now=clock.now(),
            young_person=kith.sam,
            what="Top up phone",
            day=date(2026, 9, 15),
            at=time(7, 30),
            repeat=Repeat.monthly,
        )
        await someone(session, clock.now(), kith.sam, birthday=date(1950, 11, 2))
        await set_birthday_reminders(
            session=session, now=clock.now(), young_person=kith.sam, on=True
        )

    async with sandboxed_scheduler(
        server=sandbox_server,
        world=world,
        sessionmaker=sessionmaker,
        clock=clock,
        per_chat_per_second=1000,
    ) as scheduler:
        while True:
            async with sessionmaker() as session:
                moment = await _next_moment(session)
            if moment is None or moment > END:
                break
            clock.set(max(moment, clock.now()) + timedelta(minutes=1))
            await scheduler.tick()

    received = [
        (m["text"], datetime.fromtimestamp(m["date"], UTC).astimezone(LONDON))
        for m in world.bot_messages(world.private_chat(sam_on_telegram))
    ]
    assert all(time(8, 0) <= at.time() < time(21, 0) for _, at in received), "quiet hours"
    assert len(set(received)) == len(received), "nothing twice"

    def days(fragment: str) -> list[date]:
        return [at.date() for text, at in received if fragment in text]

    assert days("since your family meeting") == [
        date(2026, 9, 15),
        date(2026, 10, 13),
        date(2026, 12, 1),  # after the October change
        date(2027, 3, 1),
        date(2027, 6, 1),
        date(2027, 9, 1),  # after the March change
    ]
    assert days("check-in is still here") == [
        date(2026, 9, 17),
        date(2026, 10, 15),
        date(2026, 12, 3),
        date(2027, 3, 3),
        date(2027, 6, 3),
        date(2027, 9, 3),
    ]
    sundays = days("Call Nan")
    assert sundays == [date(2026, 9, 6) + timedelta(weeks=n) for n in range(53)]
    assert {d.weekday() for d in sundays} == {6}
    assert {at.hour for text, at in received if "Call Nan" in text} == {17}, "17:00 GMT and BST"
    top_ups = [at for text, at in received if "Top up phone" in text]
    assert [at.date() for at in top_ups] == [
        date(2026 + (8 + n) // 12, (8 + n) % 12 + 1, 15) for n in range(12)
    ]
    assert {at.hour for at in top_ups} == {8}, "07:30 is quiet: it waits for 08:00"
    assert days("Nan's birthday is in 3 days") == [date(2026, 10, 30)]
    assert days("Today is Nan's birthday") == [date(2026, 11, 2)]
    assert days("Tomorrow is Nan's birthday") == []
    assert Counter(at.hour for text, at in received if "since your family meeting" in text) == {
        17: 6
    }
