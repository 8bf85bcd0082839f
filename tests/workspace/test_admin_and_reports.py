"""Ada, the admin, adds an account and disables Dan's (he is signed out at once), resets a
second factor, and searches the audit trail; Maya, the manager, opens the programme report
and downloads its CSV and PDF; a coordinator is refused both pages."""

from __future__ import annotations

import httpx
from sqlalchemy import select

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
