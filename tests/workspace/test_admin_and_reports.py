"""Ada, the admin, adds an account and disables Dan's (he is signed out at once), resets a
second factor, and searches the audit trail; Maya, the manager, opens the programme report
and downloads its CSV and PDF; a coordinator is refused both pages."""

from __future__ import annotations

import httpx
from sqlalchemy import select

from models.staff.organisation import Organisation
from models.staff.user import User
from tests.workspace.conftest import BASE, PASSWORD, Desk, workspace_app


async def test_ada_adds_an_account_then_disables_dan_who_is_signed_out(
    desk_for, browser, clock, council, session, sessionmaker
) -> None:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=workspace_app(sessionmaker, clock)),
        base_url=BASE,
        follow_redirects=True,
    ) as dans_browser:
        dan = Desk(dans_browser, clock, council.emails["dan"])
        await dan.sign_in()
        ada = desk_for("ada")
        await ada.sign_in()
        weak = await ada.post(
            "/admin/accounts",
            {
                "display_name": "Eve New",
                "email": "eve@north.example",
                "role": "coordinator",
                "password": "short",
            },
            page="/admin/accounts",
        )
        assert weak.status_code == 422
        assert 'value="eve@north.example"' in weak.text  # kept; the password is not
        common = await ada.post(
            "/admin/accounts",
            {
                "display_name": "Eve New",
                "email": "eve@north.example",
                "role": "coordinator",
                "password": "password1234",
            },
            page="/admin/accounts",
        )
        assert common.status_code == 422 and "most common" in common.text
        added = await ada.post(
            "/admin/accounts",
            {
                "display_name": "Eve New",
                "email": "eve@north.example",
                "role": "coordinator",
                "password": PASSWORD,
            },
            page="/admin/accounts",
        )
        assert "Eve New can now sign in" in added.text
        disabled = await ada.post(
            f"/admin/accounts/{council.ids['dan']}/disable", page="/admin/accounts"
        )
        assert "signed out everywhere" in disabled.text
        assert "Sign in to Kith" in (await dan.get("/")).text
        user = await session.scalar(select(User).where(User.id == council.ids["dan"]))
        assert user.disabled_at is not None
        found = await ada.get(f"/admin/audit?actor_user_id={council.ids['ada']}")
        assert "POST /workspace/admin/accounts/{user_id}/disable" in found.text


async def test_maya_downloads_the_report(desk_for) -> None:
    maya = desk_for("maya")
    await maya.sign_in()
    page = await maya.get("/reports")
    assert "Download CSV" in page.text
    csv = await maya.get("/reports/programme.csv")
    assert csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv.headers["content-disposition"]
    pdf = await maya.get("/reports/programme.pdf")
    assert pdf.content.startswith(b"%PDF")


async def test_a_coordinator_is_refused_the_report_and_the_accounts(desk_for) -> None:
    cara = desk_for("cara")
    await cara.sign_in()
    for path in ("/reports", "/admin/accounts"):
        refused = await cara.get(path)
        assert refused.status_code == 403
        assert "not for your role" in refused.text


async def test_ada_records_the_out_of_hours_number_and_puts_dan_on_duty(
    desk_for, council, session
) -> None:
    ada = desk_for("ada")
    await ada.sign_in()
    page = await ada.get("/admin/accounts")
    assert 'name="concern_escalation_minutes" type="number" value="15"' in page.text
    wrong = await ada.post(
        "/admin/safeguarding",
        {"out_of_hours_phone": "ring the office", "concern_escalation_minutes": "15"},
        page="/admin/accounts",
    )
    assert wrong.status_code == 422 and "Type a phone number" in wrong.text
    saved = await ada.post(
        "/admin/safeguarding",
        {"out_of_hours_phone": "0300 123 4567", "concern_escalation_minutes": "10"},
        page="/admin/accounts",
    )
    assert saved.status_code == 200 and 'value="0300 123 4567"' in saved.text
    duty = await ada.post(f"/admin/accounts/{council.ids['dan']}/duty", page="/admin/accounts")
    assert "is on duty now" in duty.text
    dan = await session.get(User, council.ids["dan"], populate_existing=True)
    assert dan is not None and dan.on_duty
    organisation = await session.get(Organisation, dan.organisation_id, populate_existing=True)
    assert organisation is not None
    assert (organisation.out_of_hours_phone, organisation.concern_escalation_minutes) == (
        "0300 123 4567",
        10,
    )
