"""Email nudges, against a real SMTP server the test starts (aiosmtpd on this machine):
Cara chose email, so the concern Sam raised reaches her inbox within one scheduler tick, and
the morning's other nudges in the 09:00 digest — neither with Sam's words or name, only links
to the workspace. Her manager, who kept Telegram, gets the urgent one on Telegram as before."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from email import message_from_bytes
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from models.core.clock import ManualClock
from models.core.enums import TellKind
from models.email.message import EmailState, OutboundEmail
from models.nudges.channels import NudgeChannel, choose_channel
from models.safeguarding.concerns import detect_danger, raise_concern
from models.young_people.my_data import tell_coordinator
from scheduler.mailer import SmtpMailer, SmtpSettings
from tests.scheduler.sandboxed import sandboxed_scheduler
from tests.support.scheduler_world import build_world, outbox

WORDS = "i want to hurt myself"
SECRET = "please do not tell anyone about my brother"


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: object, session: object, envelope) -> str:
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
async def smtp_server() -> AsyncIterator[tuple[Inbox, int]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    await asyncio.to_thread(controller.start)
    try:
        yield inbox, port
    finally:
        await asyncio.to_thread(controller.stop)


def _mailer(port: int) -> SmtpMailer:
    return SmtpMailer(
        SmtpSettings(
            host="127.0.0.1",
            port=port,
            tls="none",
            sender="kith@north.example",
            workspace_url="https://kith.north.example/workspace",
        )
    )


def _text(message: Message) -> str:
    return f"{message['Subject']}\n{message.get_payload(decode=True).decode()}"


async def test_an_urgent_nudge_reaches_cara_by_email_within_one_tick(
    sessionmaker, sandbox_server, bot_world, smtp_server
) -> None:
    inbox, port = smtp_server
    clock = ManualClock(datetime(2026, 11, 23, 22, 40, tzinfo=UTC))  # a Monday night
    async with sessionmaker.begin() as session:
        world = await build_world(session, clock.now())
        await choose_channel(
            session=session, now=clock.now(), user=world.coordinator, channel=NudgeChannel.email
        )
        nudge = await raise_concern(
            session=session,
            now=clock.now(),
            young_person=world.sam,
            message_text=WORDS,
            match=detect_danger(WORDS),
        )
    async with sandboxed_scheduler(
        server=sandbox_server,
        world=bot_world,
        sessionmaker=sessionmaker,
        clock=clock,
        mailer=_mailer(port),
    ) as scheduler:
        await scheduler.tick()
    [email] = inbox.messages
    assert email["To"] == world.coordinator.email
    text = _text(email)
    assert "URGENT" in text
    assert (
        f"https://kith.north.example/workspace/young-people/{world.sam.id}#nudge-{nudge.id}" in text
    )
    assert "hurt" not in text and world.sam.preferred_name not in text
    async with sessionmaker() as session:
        telegram = await outbox(session, kind="nudge")
        [row] = list(await session.scalars(select(OutboundEmail)))
    assert [m.chat_id for m in telegram] == [world.manager.telegram_chat_id]  # not Cara's chat
    assert row.state == EmailState.sent
    await sandbox_server.sandbox.forget(bot_world)


async def test_the_rest_go_in_the_nine_oclock_digest_without_sams_words(
    sessionmaker, sandbox_server, bot_world, smtp_server
) -> None:
    inbox, port = smtp_server
    clock = ManualClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))  # a Monday, 09:00 in London
    async with sessionmaker.begin() as session:
        world = await build_world(session, clock.now())
        await choose_channel(
            session=session, now=clock.now(), user=world.coordinator, channel=NudgeChannel.both
        )
        await tell_coordinator(
            session=session,
            now=clock.now(),
            young_person=world.sam,
            kind=TellKind.worry,
            text=SECRET,
        )
    async with sandboxed_scheduler(
        server=sandbox_server,
        world=bot_world,
        sessionmaker=sessionmaker,
        clock=clock,
        mailer=_mailer(port),
    ) as scheduler:
        await scheduler.tick()
        assert inbox.messages == []  # not urgent: it waits for the digest
        assert await scheduler.run("digest") == {"digests": 2}  # email and Telegram
        await scheduler.run("email")
        await scheduler.run("email")  # nothing is sent twice
    [email] = inbox.messages
    text = _text(email)
    assert "One thing needs you today" in text
    assert "Sent you a message" in text
    assert "brother" not in text and world.sam.preferred_name not in text
    assert "https://kith.north.example/workspace/" in text
    async with sessionmaker() as session:
        [telegram] = await outbox(session, kind="digest")
    assert telegram.chat_id == world.coordinator.telegram_chat_id
    await sandbox_server.sandbox.forget(bot_world)
