"""Replying to a young person from their record: a short message to their chat, through the
outbox (quiet hours, /stop and /pause respected), audited and on their timeline."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response

from models.young_people.caseload import reachable_young_person
from models.young_people.replies import MAX_REPLY, REFUSALS, ReplyRefusedError, send_reply
from texts.catalog import t
from workspace.desk import CaseDesk
from workspace.forms import form_of
from workspace.pages.record import show_record
from workspace.rendering import link, when

router = APIRouter()


@router.post("/young-people/{young_person_id}/replies", name="send_reply")
async def reply(young_person_id: int, desk: CaseDesk) -> Response:
    form = await form_of(desk.request)
    person = await reachable_young_person(
        session=desk.session, user=desk.user, young_person_id=young_person_id
    )
    text = form.typed.get("message", "")
    try:
        sent = await send_reply(
            session=desk.session, now=desk.now, young_person=person, by=desk.user, text=text
        )
    except ReplyRefusedError as refused:
        form.error(
            "message",
            t(
                None,
                REFUSALS[refused.reason],
                name=person.preferred_name,
                limit=MAX_REPLY,
                until=when(person.paused_until),
            ),
        )
        return await show_record(desk, young_person_id, form=form, status_code=422)
    desk.audit("create", "coordinator_reply", sent.id, person.id)
    await desk.session.commit()
    target = link(desk.request, "record", young_person_id=person.id)
    return RedirectResponse(f"{target}?sent=1#messages", 303)
