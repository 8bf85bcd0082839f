"""Through the sandbox: an urgent concern nobody acknowledges is sent again after the window,
once, to the coordinator and every manager; an acknowledged one is not; nothing Sam types
afterwards cancels it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from models import Nudge
from models.core.enums import NudgeKind, NudgeState
from tests.chat.kit import ChatSandbox
from tests.support.chat_journeys import allocate, council, referred
from texts import staff


async def test_nobody_acknowledges_so_every_manager_hears_once(sandbox: ChatSandbox) -> None:
    _, manager, coordinator = await council(sandbox)
    sam = await referred(sandbox)
    await allocate(sandbox, sam, coordinator)
    alex = await sandbox.coordinator(coordinator, "Alex")
    morgan = await sandbox.coordinator(manager, "Morgan")
    await sam.says("my step dad hits me")
    await sam.sees("Childline")
    await alex.sees("URGENT")
    await morgan.sees("URGENT")
    await sam.says("its fine now, forget it")  # nothing typed later cancels the concern
    await sam.says("/cancel")
    sandbox.clock.advance(timedelta(minutes=14))
    await sandbox.run_due_work()
    await alex.sees_nothing_new()
    sandbox.clock.advance(timedelta(minutes=2))
    await sandbox.run_due_work()
    again = await alex.sees("NOT ACKNOWLEDGED after 15 minutes")
    assert "hits" not in again.text and staff.BTN_ACKNOWLEDGE in again.buttons
    await morgan.sees("NOT ACKNOWLEDGED after 15 minutes")
    sandbox.clock.advance(timedelta(minutes=30))
    await sandbox.run_due_work()
    await alex.sees_nothing_new()
    await morgan.sees_nothing_new()
    async with sandbox.sessionmaker() as session:
        concern = await session.scalar(select(Nudge).where(Nudge.kind == NudgeKind.concern))
    assert concern is not None and concern.state == NudgeState.open


async def test_an_acknowledged_concern_is_not_sent_again(sandbox: ChatSandbox) -> None:
    _, manager, coordinator = await council(sandbox)
    sam = await referred(sandbox)
    await allocate(sandbox, sam, coordinator)
    alex = await sandbox.coordinator(coordinator, "Alex")
    morgan = await sandbox.coordinator(manager, "Morgan")
    await sam.says("i want to kill myself")
    await alex.sees("URGENT")
    await morgan.sees("URGENT")
    await alex.taps(staff.BTN_ACKNOWLEDGE)
    await alex.sees("Acknowledged")
    sandbox.clock.advance(timedelta(hours=1))
    await sandbox.run_due_work()
    await alex.sees_nothing_new()
    await morgan.sees_nothing_new()
