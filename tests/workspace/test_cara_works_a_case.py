"""Cara's morning in the workspace: the urgent concern Sam raised in the chat is first on
Today; she opens Sam's record, acknowledges it and resolves it with a note; she logs a call
to Sam's aunt and moves her to located; she writes to Sam, and the message waits in the
outbox. Every page she opened is on the audit trail, and nobody else's young person shows."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from models.audit import AuditEvent
from models.core.enums import (
    Closeness,
    ConnectionCategory,
    ConnectionStatus,
    NamedBy,
    NudgeState,
)
from models.network.connection import Connection
from models.network.history import ConnectionStatusChange
from models.network.tracing import add_connection
from models.nudges.nudge import Nudge
from models.outbox.message import OutboundMessage
from models.safeguarding.concerns import detect_danger, raise_concern
from models.young_people.young_person import YoungPerson


async def _sam_says_something_worrying(sessionmaker, clock, council) -> int:
    async with sessionmaker() as session:
        sam = await session.get_one(YoungPerson, council.ids["sam"])
        sam.telegram_chat_id = 5550001
        text = "i want to hurt myself"
        nudge = await raise_concern(
            session=session,
            now=clock.now(),
            young_person=sam,
            message_text=text,
            match=detect_danger(text),
        )
        await session.commit()
        return nudge.id


async def _sams_aunt(sessionmaker, clock, council) -> int:
    async with sessionmaker() as session:
        sam = await session.get_one(YoungPerson, council.ids["sam"])
        aunt = await add_connection(
            session=session,
            now=clock.now(),
            young_person=sam,
            name="Aunt Jo Smith",
            relationship_label="aunt",
            category=ConnectionCategory.family,
            named_by=NamedBy.young_person,
            closeness=Closeness.inner,
        )
        await session.commit()
        return aunt.id


async def test_cara_sees_the_concern_first_and_resolves_it_with_a_note(
    desk_for, sessionmaker, clock, council, session
) -> None:
    nudge_id = await _sam_says_something_worrying(sessionmaker, clock, council)
    cara = desk_for("cara")
    today = await cara.sign_in()
    urgent = today.text.split('id="h-urgent"')[1].split("</section>")[0]
    assert "Sam" in urgent and f"nudge-{nudge_id}" in urgent
    assert "i want to hurt myself" not in today.text  # the words are in the record, not on Today
    record = await cara.get(f"/young-people/{council.ids['sam']}")
    assert record.status_code == 200
    await cara.post(
        f"/nudges/{nudge_id}/acknowledge?from=record", page=f"/young-people/{council.ids['sam']}"
    )
    refused = await cara.post(f"/nudges/{nudge_id}/resolve", {"note": ""})
    assert refused.status_code == 422
    assert "a concern is closed only with a note" in refused.text
    await cara.post(f"/nudges/{nudge_id}/resolve", {"note": "Called Sam and her carer; safe."})
    nudge = await session.get_one(Nudge, nudge_id)
    await session.refresh(nudge)
    assert nudge.state == NudgeState.resolved
    assert nudge.resolved_note == "Called Sam and her carer; safe."
    routes = set(
        await session.scalars(
            select(AuditEvent.route).where(AuditEvent.young_person_id == council.ids["sam"])
        )
    )
    assert "GET /workspace/young-people/{young_person_id}" in routes
    assert "POST /workspace/nudges/{nudge_id}/resolve" in routes


async def test_cara_logs_a_call_and_moves_the_aunt_to_located(
    desk_for, sessionmaker, clock, council, session
) -> None:
    aunt_id = await _sams_aunt(sessionmaker, clock, council)
    cara = desk_for("cara")
    await cara.sign_in()
    page = f"/connections/{aunt_id}"
    tomorrow = (clock.now() + timedelta(days=1)).date().isoformat()
    refused = await cara.post(
        f"{page}/contacts",
        {"contacted_on": tomorrow, "channel": "call", "outcome": "reached", "note": "secret"},
        page=page,
    )
    assert refused.status_code == 422
    assert "has not come yet" in refused.text
    assert ">secret</textarea>" in refused.text  # what was typed is still there
    today = clock.now().date().isoformat()
    await cara.post(
        f"{page}/contacts",
        {
            "contacted_on": today,
            "channel": "call",
            "outcome": "details_found",
            "note": "Her neighbour gave a new address",
            "next_step": "Write to the new address",
            "next_step_on": today,
        },
        page=page,
    )
    on_today = await cara.get("/")
    assert "Write to the new address" in on_today.text
    moved = await cara.post(
        f"{page}/status",
        {"seen_status": "named", "to": "located", "reason": "address found"},
        page=page,
    )
    assert "Tracing status</h2>" not in moved.text or "located" in moved.text
    aunt = await session.get_one(Connection, aunt_id)
    await session.refresh(aunt)
    assert aunt.status == ConnectionStatus.located
    history = list(await session.scalars(select(ConnectionStatusChange)))
    assert [(h.from_status, h.to_status, h.reason) for h in history] == [
        (ConnectionStatus.named, ConnectionStatus.located, "address found")
    ]
    stale = await cara.post(
        f"{page}/status", {"seen_status": "named", "to": "contacted"}, page=page
    )
    assert stale.status_code == 409
    assert "while this page was open" in stale.text
    illegal = await cara.post(
        f"{page}/status", {"seen_status": "located", "to": "agreed"}, page=page
    )
    assert illegal.status_code == 409
    assert "cannot move from &#39;located&#39; to &#39;agreed&#39;" in illegal.text


async def test_cara_writes_to_sam_and_it_goes_through_the_outbox(
    desk_for, sessionmaker, clock, council, session
) -> None:
    await _sam_says_something_worrying(sessionmaker, clock, council)
    cara = desk_for("cara")
    await cara.sign_in()
    record = f"/young-people/{council.ids['sam']}"
    sent = await cara.post(
        f"{record}/replies", {"message": "Hi Sam, I will call you at 4."}, page=record
    )
    assert "Your message is on its way" in sent.text
    message = await session.scalar(
        select(OutboundMessage).where(OutboundMessage.kind == "coordinator_reply")
    )
    assert message is not None and message.respects_quiet_hours
    assert "Hi Sam, I will call you at 4." in message.body
    assert "menu:tell" in (message.reply_markup or "")
    assert "message sent by" in sent.text  # on the timeline


async def test_a_reply_after_stop_is_refused_plainly_and_kept_in_the_box(
    desk_for, sessionmaker, clock, council, session
) -> None:
    async with sessionmaker() as s:
        sam = await s.get_one(YoungPerson, council.ids["sam"])
        sam.telegram_chat_id = 5550001
        sam.messages_stopped_at = clock.now()
        await s.commit()
    cara = desk_for("cara")
    await cara.sign_in()
    record = f"/young-people/{council.ids['sam']}"
    refused = await cara.post(f"{record}/replies", {"message": "Are you OK?"}, page=record)
    assert refused.status_code == 422
    assert "Sam used /stop" in refused.text
    assert ">Are you OK?</textarea>" in refused.text
    assert await session.scalar(select(OutboundMessage.id)) is None


async def test_cara_cannot_open_a_young_person_who_is_not_hers(desk_for, council) -> None:
    cara = desk_for("cara")
    await cara.sign_in()
    for other in ("jo", "kit"):
        page = await cara.get(f"/young-people/{council.ids[other]}")
        assert page.status_code == 404
        assert "not in your caseload" in page.text
