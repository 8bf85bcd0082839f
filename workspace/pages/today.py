"""Today: what needs this coordinator now, urgent concerns first; acknowledging and resolving
nudges with a note; next steps in the detective work that are due."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from models.core.enums import NudgeState, Role, Urgency
from models.network.contact_log import due_next_steps
from models.nudges.raising import acknowledge_nudge, resolve_nudge
from models.nudges.today import today_for
from models.young_people.caseload import reachable_nudge
from models.young_people.names import preferred_names
from texts.catalog import t
from texts.staff import NUDGE_TITLES, nudge_title
from texts.workspace import TODAY
from workspace.desk import AnyDesk, CaseDesk
from workspace.forms import Form, form_of
from workspace.rendering import link, render

router = APIRouter()


@router.get("/", name="today", response_class=HTMLResponse)
async def today_page(desk: AnyDesk) -> Response:
    """An admin's start page is the accounts: they run the service, not casework."""
    if desk.user.role == Role.admin:
        return RedirectResponse(link(desk.request, "accounts"), 303)
    return await _today(desk)


async def _today(
    desk: CaseDesk,
    *,
    notice: str | None = None,
    problem: str | None = None,
    form: Form | None = None,
    status_code: int = 200,
) -> Response:
    found = await today_for(session=desk.session, now=desk.now, user=desk.user)
    steps = await due_next_steps(session=desk.session, now=desk.now, user=desk.user)
    ids = {n.young_person_id for n in found.nudges}
    ids |= {c.young_person_id for c in found.overdue_checkins}
    ids |= {m.young_person_id for m in found.meetings}
    ids |= {r.young_person_id for r in found.referrals_waiting}
    ids |= {s.young_person_id for s in steps}
    names = await preferred_names(session=desk.session, ids={i for i in ids if i is not None})
    for nudge in found.nudges:
        desk.audit("read", "nudge", nudge.id, nudge.young_person_id)
    for checkin in found.overdue_checkins:
        desk.audit("read", "check_in", checkin.id, checkin.young_person_id)
    for meeting in found.meetings:
        desk.audit("read", "meeting", meeting.id, meeting.young_person_id)
    for person in found.reviews_due:
        desk.audit("read", "young_person", person.id, person.id)
    for referral in found.referrals_waiting:
        desk.audit("read", "referral", referral.id, referral.young_person_id)
    for step in steps:
        desk.audit("read", "contact_log", step.entry_id, step.young_person_id)
    await desk.session.commit()
    urgent = [n for n in found.nudges if n.urgency == Urgency.urgent]
    other = [n for n in found.nudges if n.urgency != Urgency.urgent]
    return render(
        desk.request,
        "today.html",
        status_code=status_code,
        nav="today",
        urgent=urgent,
        nudges=other,
        titles={kind: nudge_title(kind) for kind in NUDGE_TITLES},
        names=names,
        found=found,
        steps=steps,
        notice=notice,
        problem=problem,
        form=form,
        now=desk.now,
    )


@router.post("/nudges/{nudge_id}/acknowledge", name="acknowledge_nudge")
async def acknowledge(nudge_id: int, desk: CaseDesk) -> Response:
    nudge = await reachable_nudge(session=desk.session, user=desk.user, nudge_id=nudge_id)
    acknowledge_nudge(nudge=nudge, by_user_id=desk.user.id, now=desk.now)
    desk.audit("update", "nudge", nudge.id, nudge.young_person_id)
    await desk.session.commit()
    return RedirectResponse(_back(desk, nudge.young_person_id) + f"#nudge-{nudge.id}", 303)


@router.post("/nudges/{nudge_id}/resolve", name="resolve_nudge")
async def resolve(nudge_id: int, desk: CaseDesk) -> Response:
    form = await form_of(desk.request)
    nudge = await reachable_nudge(session=desk.session, user=desk.user, nudge_id=nudge_id)
    note = form.text("note", max_length=2000)
    if nudge.urgency == Urgency.urgent and not note:
        form.error("note", t(None, TODAY["note_needed"]))
        form.target = nudge.id
        return await _today(desk, form=form, status_code=422)
    if nudge.state == NudgeState.resolved:
        return await _today(desk, problem=t(None, TODAY["already_resolved"]), status_code=409)
    resolve_nudge(nudge=nudge, by_user_id=desk.user.id, now=desk.now, note=note or None)
    desk.audit("update", "nudge", nudge.id, nudge.young_person_id)
    await desk.session.commit()
    return RedirectResponse(_back(desk, nudge.young_person_id), 303)


def _back(desk: CaseDesk, young_person_id: int | None) -> str:
    """Back to the record the form was on, or to Today."""
    if desk.request.query_params.get("from") == "record" and young_person_id is not None:
        return str(link(desk.request, "record", young_person_id=young_person_id))
    return str(link(desk.request, "today"))
