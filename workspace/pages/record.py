"""A young person's record: summary and consents, the circle and the network with each
person's tracing status, meetings and the plan, check-ins with a wellbeing chart, measures,
the timeline, /tell messages and rights requests. Every part read is written to the audit."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from models.network.circle import CirclePerson, render_circle
from models.network.tracing import network_of
from models.young_people.caseload import reachable_record, reachable_young_person
from models.young_people.record import record_of
from models.young_people.rights import RightsRequest, answer_rights_request
from texts.staff import NUDGE_TITLES, nudge_title
from workspace.charts import wellbeing_chart
from workspace.desk import CaseDesk
from workspace.forms import Form
from workspace.rendering import link, render

router = APIRouter()


async def show_record(
    desk: CaseDesk,
    young_person_id: int,
    *,
    form: Form | None = None,
    notice: str | None = None,
    problem: str | None = None,
    status_code: int = 200,
) -> Response:
    person = await reachable_young_person(
        session=desk.session, user=desk.user, young_person_id=young_person_id
    )
    record = await record_of(session=desk.session, young_person=person, now=desk.now)
    _audit_record(desk, record)
    await desk.session.commit()
    return render(
        desk.request,
        "record.html",
        status_code=status_code,
        nav="caseload",
        record=record,
        person=person,
        titles={kind: nudge_title(kind) for kind in NUDGE_TITLES},
        names={person.id: person.preferred_name},
        chart=wellbeing_chart(record.wellbeing),
        form=form,
        notice=notice,
        problem=problem,
        now=desk.now,
    )


def _audit_record(desk: CaseDesk, record: object) -> None:
    r = record  # a Record: every part shown is one audit event, as the API writes them
    person_id = r.young_person.id  # type: ignore[attr-defined]
    desk.audit("read", "young_person", person_id, person_id)
    desk.audit("read", "consent", None, person_id)
    desk.audit("read", "circle", None, person_id)
    for connection in r.connections:  # type: ignore[attr-defined]
        desk.audit("read", "connection", connection.id, person_id)
    for meeting in r.meetings:  # type: ignore[attr-defined]
        desk.audit("read", "meeting", meeting.id, person_id)
    desk.audit("read", "check_in", None, person_id)
    desk.audit("read", "measure", None, person_id)
    desk.audit("read", "timeline", person_id, person_id)
    for nudge in r.nudges:  # type: ignore[attr-defined]
        desk.audit("read", "nudge", nudge.id, person_id)
    for tell in r.tells:  # type: ignore[attr-defined]
        desk.audit("read", "tell_message", tell.id, person_id)
    for request in r.rights_requests:  # type: ignore[attr-defined]
        desk.audit("read", "rights_request", request.id, person_id)


@router.get("/young-people/{young_person_id}", name="record", response_class=HTMLResponse)
async def record_page(young_person_id: int, desk: CaseDesk) -> Response:
    return await show_record(desk, young_person_id)


@router.get("/young-people/{young_person_id}/circle.png", name="circle_picture")
async def circle_picture(young_person_id: int, desk: CaseDesk) -> Response:
    """The circle with every person in the network and where each one is on the way."""
    person = await reachable_young_person(
        session=desk.session, user=desk.user, young_person_id=young_person_id
    )
    people = [
        CirclePerson(name=c.name, closeness=c.closeness, category=c.category, status=c.status)
        for c in await network_of(session=desk.session, young_person_id=person.id)
    ]
    desk.audit("read", "circle", None, person.id)
    await desk.session.commit()
    png = await asyncio.to_thread(
        render_circle, centre_name=person.preferred_name, people=people, show_status=True
    )
    return Response(png, media_type="image/png", headers={"cache-control": "no-store"})


@router.post("/rights-requests/{request_id}/answered", name="answer_rights")
async def answer_rights(request_id: int, desk: CaseDesk) -> Response:
    request, person = await reachable_record(
        session=desk.session, user=desk.user, model=RightsRequest, record_id=request_id
    )
    answer_rights_request(request=request, by_user_id=desk.user.id, now=desk.now)
    desk.audit("update", "rights_request", request.id, person.id)
    await desk.session.commit()
    target = link(desk.request, "record", young_person_id=person.id)
    return RedirectResponse(f"{target}#rights", 303)
