"""Telegram's limits as Telegram sees them (the sandbox's call log): two senders together keep
the overall pace and a second between one chat's messages, in the order queued; a 429 stops
every sender until retry_after; a message stopped while it waited in a sender's hand is not
sent."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.sandbox.limits import Limits
from bot.sandbox.world import Person
from models import YoungPerson
from models.core.clock import ManualClock
from models.core.enums import OutboxState
from models.outbox.sending import enqueue_message
from scheduler.service import KithScheduler
from tests.chat.fixtures import SandboxServer
from tests.scheduler.sandboxed import sandboxed_scheduler
from tests.support.scheduler_world import build_world, outbox

LENIENT = Limits(per_chat_burst=10, overall_per_second=1000, overall_burst=1000)


async def _queue(
    sessionmaker: async_sessionmaker[AsyncSession],
    clock: ManualClock,
    messages: list[tuple[Person, str]],
) -> None:
    async with sessionmaker.begin() as session:
        kith = await build_world(session, clock.now())
        for person, body in messages:
            await enqueue_message(
                session=session,
                organisation_id=kith.org.id,
                chat_id=person.id,
                kind="nudge",
                body=body,
                now=clock.now(),
            )


async def _both(first: KithScheduler, second: KithScheduler) -> None:
    await asyncio.gather(first.run("outbox"), second.run("outbox"))


async def test_two_senders_together_keep_the_pace_and_each_chats_order(
    sandbox_server: SandboxServer,
    sessionmaker: async_sessionmaker[AsyncSession],
    clock: ManualClock,
) -> None:
    world = sandbox_server.sandbox.new_bot(clock=clock, limits=LENIENT)
    people = [world.create_user(f"Friend {n}", opened=True) for n in range(30)]
    await _queue(sessionmaker, clock, [(p, f"{p.id} first") for p in people])
    await _queue_more(sessionmaker, clock, people[:10])
    world.calls.start()
    options = dict(server=sandbox_server, world=world, sessionmaker=sessionmaker, clock=clock)
    async with (
        sandboxed_scheduler(per_second=10, worker="a", **options) as a,  # type: ignore[arg-type]
        sandboxed_scheduler(per_second=10, worker="b", **options) as b,  # type: ignore[arg-type]
    ):
        await _both(a, b)
    sends = world.calls.sends(status=200)
    assert len(sends) == 40
    moments = [c.at for c in sends]
    # Here one event loop runs both senders and the sandbox on a shared machine, and its own
    # delays can bunch two arrivals by more than the 30 ms the pace allows for: within one.
    # Exact, at the database: test_pace.py; as Telegram sees it, separate processes:
    # bench/dispatch.py.
    assert max(sum(1 for m in moments if s <= m < s + 1.0) for s in moments) <= 11
    by_chat: dict[int | None, list[tuple[float, str | None]]] = defaultdict(list)
    for call in sends:
        by_chat[call.chat_id].append((call.at, call.text))
    for chat in by_chat.values():
        assert [text.split()[1] for _, text in chat if text] == ["first", "second"][: len(chat)]
        if len(chat) == 2:
            assert chat[1][0] - chat[0][0] >= 1.0
    assert {r.leased_by for r in await _rows(sessionmaker)} == {"a", "b"}
    await sandbox_server.sandbox.forget(world)


async def _queue_more(
    sessionmaker: async_sessionmaker[AsyncSession], clock: ManualClock, people: list[Person]
) -> None:
    async with sessionmaker.begin() as session:
        for person in people:
            await enqueue_message(
                session=session,
                organisation_id=1,
                chat_id=person.id,
                kind="nudge",
                body=f"{person.id} second",
                now=clock.now(),
            )


async def _rows(sessionmaker: async_sessionmaker[AsyncSession]) -> list:  # type: ignore[type-arg]
    async with sessionmaker() as session:
        return await outbox(session)


async def test_a_429_stops_every_sender_until_retry_after(
    sandbox_server: SandboxServer,
    sessionmaker: async_sessionmaker[AsyncSession],
    clock: ManualClock,
) -> None:
    world = sandbox_server.sandbox.new_bot(clock=clock, limits=LENIENT)
    people = [world.create_user(f"Friend {n}", opened=True) for n in range(6)]
    await _queue(sessionmaker, clock, [(p, "Something needs you") for p in people])
    world.calls.start()
    world.faults.rate_limited(1, retry_after=2, methods=["sendMessage"])
    # 1 a second between both: no other send is on its way when the 429 comes (one whose
    # request had already left could not be called back).
    options = dict(
        server=sandbox_server, world=world, sessionmaker=sessionmaker, clock=clock, per_second=1
    )
    async with (
        sandboxed_scheduler(worker="a", **options) as a,  # type: ignore[arg-type]
        sandboxed_scheduler(worker="b", **options) as b,  # type: ignore[arg-type]
    ):
        await _both(a, b)
    [limited] = world.calls.sends(status=429)
    during = [c for c in world.calls.sends() if limited.at < c.at < limited.at + 2.0]
    timeline = [(round(c.at - limited.at, 3), c.status) for c in world.calls.sends()]
    assert during == [], f"no sender sends before retry_after has passed: {timeline}"
    assert [len(world.bot_messages(world.private_chat(p))) for p in people] == [1] * 6
    rows = await _rows(sessionmaker)
    assert {r.state for r in rows} == {OutboxState.sent}
    assert {r.attempts for r in rows} == {1}, "the 429 was not an attempt"
    await sandbox_server.sandbox.forget(world)


async def test_a_message_stopped_while_waiting_in_a_senders_hand_is_never_sent(
    sandbox_server: SandboxServer,
    sessionmaker: async_sessionmaker[AsyncSession],
    clock: ManualClock,
) -> None:
    world = sandbox_server.sandbox.new_bot(clock=clock, limits=LENIENT)
    sam_on_telegram = world.create_user("Sam", opened=True)
    friends = [world.create_user(f"Friend {n}", opened=True) for n in range(4)]
    async with sessionmaker.begin() as session:
        kith = await build_world(session, clock.now(), sam_chat=sam_on_telegram.id)
        for n, person in enumerate([*friends, sam_on_telegram]):
            await enqueue_message(
                session=session,
                organisation_id=kith.org.id,
                chat_id=person.id,
                young_person_id=kith.sam.id if person is sam_on_telegram else None,
                kind="checkin" if person is sam_on_telegram else "nudge",
                body="Hello",
                now=clock.now(),
                due_at=clock.now() + timedelta(milliseconds=n),  # Sam's last in line
            )
    clock.advance(timedelta(seconds=1))
    world.calls.start()
    async with sandboxed_scheduler(
        server=sandbox_server, world=world, sessionmaker=sessionmaker, clock=clock, per_second=5
    ) as scheduler:
        drain = asyncio.create_task(scheduler.run("outbox"))
        await world.wait_until(lambda: world.calls.sends(), within=10)
        async with sessionmaker.begin() as session:
            sam = await session.get_one(YoungPerson, kith.sam.id)
            sam.messages_stopped_at = clock.now()  # /stop, while her message is in hand
        counts = await drain
    assert counts is not None and counts["claimed"] == 5 and counts["cancelled"] == 1
    assert [c for c in world.calls.sends() if c.chat_id == sam_on_telegram.id] == []
    assert world.bot_messages(world.private_chat(sam_on_telegram)) == []
    await sandbox_server.sandbox.forget(world)
