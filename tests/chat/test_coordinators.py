"""Coordinators on Telegram: linked by a one-time code, nudges acknowledged by a button."""

from __future__ import annotations

from sqlalchemy import select

from models import Nudge, User
from models.core.enums import InviteKind, NudgeKind, NudgeState, Urgency
from models.nudges.raising import acknowledge_markup, raise_nudge
from models.referrals.invites import create_invite
from tests.chat.kit import ChatSandbox
from tests.support.chat_journeys import allocate, council, referred
from texts import chat as texts
from texts.staff import nudge_text


async def test_alex_links_her_chat_and_acknowledges_a_nudge(sandbox: ChatSandbox) -> None:
    org, _, coordinator = await council(sandbox)
    sam = await referred(sandbox)
    record = await allocate(sandbox, sam, coordinator)
    now = sandbox.clock.now()
    async with sandbox.sessionmaker.begin() as session:
        _, code = await create_invite(
            session=session,
            now=now,
            organisation_id=org.id,
            kind=InviteKind.coordinator,
            user_id=coordinator.id,
        )
    alex = sandbox.young_person("Alex")
    await alex.says(f"/start {code}")
    await alex.sees("Nudges for you will now arrive in this chat")
    async with sandbox.sessionmaker.begin() as session:
        linked = await session.get_one(User, coordinator.id)
        assert linked.telegram_chat_id == alex.chat_id
        nudge = await raise_nudge(
            session=session,
            now=now,
            kind=NudgeKind.told,
            young_person=record,
            urgency=Urgency.urgent,
        )
        body = nudge_text(nudge.kind, nudge.id, record.preferred_name)
    # What the outbox sender delivers (the scheduler issue owns sending).
    await sandbox.runtime.bot.application.bot.send_message(
        alex.chat_id, body, reply_markup=acknowledge_markup(nudge.id)
    )
    await alex.taps("Acknowledge")
    await alex.sees(texts.NUDGE_ACKNOWLEDGED)
    async with sandbox.sessionmaker() as session:
        acknowledged = await session.get_one(Nudge, nudge.id)
    assert acknowledged.state == NudgeState.acknowledged
    assert acknowledged.acknowledged_by == coordinator.id


async def test_a_coordinator_never_sees_a_young_persons_menus(sandbox: ChatSandbox) -> None:
    _, _, coordinator = await council(sandbox)
    alex = await sandbox.coordinator(coordinator, "Alex")
    for typed in ("/help", "/mypeople", "hello", "/start"):
        await alex.says(typed)
        reply = await alex.sees(texts.COORDINATOR_CHAT)
        assert reply.buttons == []


async def test_another_councils_nudge_cannot_be_acknowledged(sandbox: ChatSandbox) -> None:
    _, _, coordinator = await council(sandbox)
    alex = await sandbox.coordinator(coordinator, "Alex")
    await sandbox.runtime.bot.application.bot.send_message(
        alex.chat_id, "A nudge", reply_markup=acknowledge_markup(999)
    )
    await alex.taps("Acknowledge")
    await alex.sees(texts.NUDGE_GONE)
    async with sandbox.sessionmaker() as session:
        assert list(await session.scalars(select(Nudge))) == []
