"""Admin: the council's safeguarding settings on the Accounts page — its out-of-hours number
(told to a young person beside 999 out of hours), the escalation window of urgent concerns,
and who is on duty for young people no coordinator holds yet (docs/safeguarding.md)."""

from __future__ import annotations

import re

from fastapi import APIRouter
from fastapi.responses import Response

from models.core.scoping import get_in_org
from models.staff.organisation import PHONE_PATTERN, Organisation
from models.staff.user import User
from texts.catalog import t
from texts.workspace import ADMIN
from workspace.desk import AdminDesk
from workspace.forms import form_of
from workspace.pages.admin import show_accounts

router = APIRouter(prefix="/admin")


@router.post("/safeguarding", name="safeguarding_settings")
async def save_safeguarding(desk: AdminDesk) -> Response:
    form = await form_of(desk.request)
    phone = form.text("out_of_hours_phone", max_length=40)
    if phone and not re.fullmatch(PHONE_PATTERN, phone):
        form.error("out_of_hours_phone", t(None, ADMIN["phone_bad"]))
    minutes = form.number("concern_escalation_minutes", low=1, high=240)
    if not form.ok or minutes is None:
        return await show_accounts(desk, safeguarding=form, status_code=422)
    organisation = await desk.session.get_one(Organisation, desk.user.organisation_id)
    organisation.out_of_hours_phone = phone or None
    organisation.concern_escalation_minutes = minutes
    desk.audit("update", "organisation", organisation.id)
    await desk.session.commit()
    return await show_accounts(desk, notice=t(None, ADMIN["safeguarding_saved"]))


@router.post("/accounts/{user_id}/duty", name="toggle_duty")
async def toggle_duty(user_id: int, desk: AdminDesk) -> Response:
    user = await get_in_org(desk.session, User, user_id, desk.user.organisation_id)
    user.on_duty = not user.on_duty
    desk.audit("update", "user", user.id)
    await desk.session.commit()
    said = ADMIN["on_duty"] if user.on_duty else ADMIN["off_duty"]
    return await show_accounts(desk, notice=t(None, said, name=user.display_name))
