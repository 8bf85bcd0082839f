"""Admin pages: the council's staff accounts (add, disable, enable, reset the second factor)
and a search of the audit trail."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from models.audit import search_audit
from models.core.enums import Role
from models.core.scoping import get_in_org
from models.staff.accounts import AccountError, create_user, is_email
from models.staff.managing import (
    SelfChangeError,
    disable_account,
    enable_account,
    reset_second_factor,
    staff_of,
)
from models.staff.organisation import Organisation
from models.staff.passwords import WeakPasswordError
from models.staff.user import User
from texts.catalog import t
from texts.workspace import ADMIN
from workspace.desk import AdminDesk
from workspace.forms import Form, form_of
from workspace.rendering import STAFF_ZONE, link, render

router = APIRouter(prefix="/admin")


def safeguarding_form(organisation: Organisation) -> Form:
    """The council's out-of-hours number and escalation window, as set (docs/safeguarding.md)."""
    return Form(
        {
            "out_of_hours_phone": organisation.out_of_hours_phone or "",
            "concern_escalation_minutes": str(organisation.concern_escalation_minutes),
        }
    )


async def show_accounts(
    desk: AdminDesk,
    *,
    form: Form | None = None,
    safeguarding: Form | None = None,
    notice: str | None = None,
    problem: str | None = None,
    status_code: int = 200,
) -> Response:
    people = await staff_of(session=desk.session, organisation_id=desk.user.organisation_id)
    organisation = await desk.session.get_one(Organisation, desk.user.organisation_id)
    return render(
        desk.request,
        "accounts.html",
        status_code=status_code,
        nav="accounts",
        people=people,
        roles=list(Role),
        form=form or Form({"role": "coordinator"}),
        safeguarding=safeguarding or safeguarding_form(organisation),
        notice=notice,
        problem=problem,
    )


@router.get("/accounts", name="accounts", response_class=HTMLResponse)
async def accounts_page(desk: AdminDesk) -> Response:
    return await show_accounts(desk)


def _audit(desk: AdminDesk, action: str, user_id: int) -> None:
    desk.audit(action, "user", user_id)


@router.post("/accounts", name="add_account")
async def add_account(desk: AdminDesk) -> Response:
    form = await form_of(desk.request)
    email = form.text("email", max_length=254, required=True)
    name = form.text("display_name", max_length=200, required=True)
    role = form.choice("role", Role)
    password = form.typed.get("password", "")
    if not password:
        form.error("password", t(None, ADMIN["password_needed"]))
    if email and not is_email(email):
        form.error("email", t(None, ADMIN["email_bad"]))
    if not form.ok or role is None:
        form.typed.pop("password", None)
        return await show_accounts(desk, form=form, status_code=422)
    organisation = await desk.session.get_one(Organisation, desk.user.organisation_id)
    try:
        user = await create_user(
            session=desk.session,
            now=desk.now,
            organisation=organisation,
            email=email,
            display_name=name,
            role=role,
            password=password,
        )
    except AccountError:
        form.error("email", t(None, ADMIN["email_taken"]))
    except WeakPasswordError as weak:
        form.error("password", str(weak))
    if not form.ok:
        await desk.undo()
        form.typed.pop("password", None)
        return await show_accounts(desk, form=form, status_code=422)
    _audit(desk, "create", user.id)
    await desk.session.commit()
    return await show_accounts(desk, notice=t(None, ADMIN["added"], name=name))


async def _account(desk: AdminDesk, user_id: int) -> User:
    return await get_in_org(desk.session, User, user_id, desk.user.organisation_id)


@router.post("/accounts/{user_id}/disable", name="disable_account")
async def disable(user_id: int, desk: AdminDesk) -> Response:
    user = await _account(desk, user_id)
    try:
        await disable_account(session=desk.session, now=desk.now, admin=desk.user, user=user)
    except SelfChangeError:
        return await show_accounts(desk, problem=t(None, ADMIN["not_yourself"]), status_code=409)
    _audit(desk, "update", user.id)
    await desk.session.commit()
    return await show_accounts(desk, notice=t(None, ADMIN["disabled"], name=user.display_name))


@router.post("/accounts/{user_id}/enable", name="enable_account")
async def enable(user_id: int, desk: AdminDesk) -> Response:
    user = await _account(desk, user_id)
    enable_account(user=user)
    _audit(desk, "update", user.id)
    await desk.session.commit()
    return RedirectResponse(str(link(desk.request, "accounts")), 303)


@router.post("/accounts/{user_id}/reset-totp", name="reset_account_totp")
async def reset(user_id: int, desk: AdminDesk) -> Response:
    user = await _account(desk, user_id)
    await reset_second_factor(session=desk.session, now=desk.now, user=user)
    _audit(desk, "update", user.id)
    await desk.session.commit()
    return await show_accounts(desk, notice=t(None, ADMIN["reset"], name=user.display_name))


@router.get("/audit", name="audit_search", response_class=HTMLResponse)
async def audit_page(desk: AdminDesk) -> Response:
    form = Form(dict(desk.request.query_params))
    young_person_id = form.number("young_person_id", low=1, high=2**53 - 1, required=False)
    actor_id = form.number("actor_user_id", low=1, high=2**53 - 1, required=False)
    since = form.day("from")
    until = form.day("to")
    events = []
    if form.ok:
        events = await search_audit(
            session=desk.session,
            organisation_id=desk.user.organisation_id,
            young_person_id=young_person_id,
            actor_user_id=actor_id,
            action=form.text("action", max_length=20) or None,
            since=datetime.combine(since, time(), STAFF_ZONE) if since else None,
            until=datetime.combine(until, time(), STAFF_ZONE) + timedelta(days=1)
            if until
            else None,
        )
    # Reading the trail is itself an event on the trail.
    desk.audit("read", "audit_event", None, young_person_id)
    await desk.session.commit()
    return render(desk.request, "audit.html", nav="audit", form=form, events=events)
