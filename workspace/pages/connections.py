"""The detective work on one person in a young person's network: the contact log (every call,
letter and visit, with its outcome and next step), and moving their tracing status.

A status move says where it may go from here when refused, and a form sent from a page that
was open while someone else moved the person says so instead of overwriting their move.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from models.core.enums import ConnectionStatus, ContactChannel, ContactOutcome
from models.network.connection import Connection
from models.network.contact_log import ContactLogError, contact_log_of, log_contact
from models.network.history import move_with_history, status_history_of
from models.network.tracing import ConnectionMoveError, allowed_connection_moves
from models.young_people.caseload import reachable_record
from texts.catalog import t
from texts.workspace import CONTACTS
from workspace.desk import CaseDesk
from workspace.forms import Form, form_of
from workspace.rendering import link, render

router = APIRouter()


async def _page(
    desk: CaseDesk,
    connection_id: int,
    *,
    log_form: Form | None = None,
    move_form: Form | None = None,
    notice: str | None = None,
    problem: str | None = None,
    status_code: int = 200,
) -> Response:
    connection, person = await reachable_record(
        session=desk.session, user=desk.user, model=Connection, record_id=connection_id
    )
    entries = await contact_log_of(session=desk.session, connection_id=connection.id)
    history = await status_history_of(session=desk.session, connection_id=connection.id)
    desk.audit("read", "connection", connection.id, person.id)
    desk.audit("read", "contact_log", connection.id, person.id)
    await desk.session.commit()
    return render(
        desk.request,
        "connection.html",
        status_code=status_code,
        nav="caseload",
        connection=connection,
        person=person,
        entries=entries,
        history=history,
        moves=sorted(allowed_connection_moves(connection.status)),
        channels=list(ContactChannel),
        outcomes=list(ContactOutcome),
        log_form=log_form or Form({"contacted_on": desk.now.date().isoformat()}),
        move_form=move_form or Form({}),
        notice=notice,
        problem=problem,
    )


@router.get("/connections/{connection_id}", name="connection_page", response_class=HTMLResponse)
async def connection_page(connection_id: int, desk: CaseDesk) -> Response:
    return await _page(desk, connection_id)


@router.post("/connections/{connection_id}/contacts", name="log_contact")
async def add_contact(connection_id: int, desk: CaseDesk) -> Response:
    form = await form_of(desk.request)
    connection, person = await reachable_record(
        session=desk.session, user=desk.user, model=Connection, record_id=connection_id
    )
    contacted_on = form.day("contacted_on", required=True)
    channel = form.choice("channel", ContactChannel)
    outcome = form.choice("outcome", ContactOutcome)
    note = form.text("note", max_length=4000)
    next_step = form.text("next_step", max_length=300)
    next_step_on = form.day("next_step_on")
    if not form.ok or contacted_on is None or channel is None or outcome is None:
        return await _page(desk, connection_id, log_form=form, status_code=422)
    try:
        entry = await log_contact(
            session=desk.session,
            now=desk.now,
            connection=connection,
            by_user_id=desk.user.id,
            contacted_on=contacted_on,
            channel=channel,
            outcome=outcome,
            note=note or None,
            next_step=next_step or None,
            next_step_on=next_step_on,
        )
    except ContactLogError as refused:
        form.error(refused.field, t(None, refused.message))
        return await _page(desk, connection_id, log_form=form, status_code=422)
    desk.audit("create", "contact_log", entry.id, person.id)
    await desk.session.commit()
    return RedirectResponse(
        str(link(desk.request, "connection_page", connection_id=connection.id)) + "#log", 303
    )


@router.post("/connections/{connection_id}/status", name="move_connection")
async def move_status(connection_id: int, desk: CaseDesk) -> Response:
    form = await form_of(desk.request)
    connection, person = await reachable_record(
        session=desk.session, user=desk.user, model=Connection, record_id=connection_id
    )
    seen = form.typed.get("seen_status", "")
    target = form.choice("to", ConnectionStatus)
    reason = form.text("reason", max_length=1000)
    if seen != connection.status.value:
        # Someone moved this person since the page was opened: show theirs, keep what was typed.
        return await _page(
            desk,
            connection_id,
            move_form=form,
            status_code=409,
            problem=t(None, CONTACTS["moved_meanwhile"], status=connection.status.value),
        )
    if target is None:
        return await _page(desk, connection_id, move_form=form, status_code=422)
    try:
        await move_with_history(
            session=desk.session,
            connection=connection,
            to=target,
            now=desk.now,
            by_user_id=desk.user.id,
            reason=reason or None,
        )
    except ConnectionMoveError as refused:
        allowed = ", ".join(m.value for m in sorted(allowed_connection_moves(refused.current)))
        form.error(
            "to",
            t(
                None,
                CONTACTS["cannot_move"],
                current=refused.current.value,
                target=refused.target.value,
                allowed=allowed or "-",
            ),
        )
        return await _page(desk, connection_id, move_form=form, status_code=409)
    desk.audit("update", "connection", connection.id, person.id)
    await desk.session.commit()
    return RedirectResponse(
        str(link(desk.request, "connection_page", connection_id=connection.id)) + "#status", 303
    )
