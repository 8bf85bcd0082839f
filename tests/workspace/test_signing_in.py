"""Signing in to the workspace: a first-time enrolment with a QR code, the code at every
sign-in after, a wrong code refused without saying which part was wrong, sign-out, an idle
session closed, and a form from another site refused."""

from __future__ import annotations

from datetime import timedelta

import httpx
from sqlalchemy import select

from models.audit import AuditEvent
from tests.workspace.conftest import BASE, PASSWORD, hidden, workspace_app


async def test_cara_enrols_her_app_then_signs_in_with_a_code(desk_for, session) -> None:
    cara = desk_for("cara")
    first = await cara.sign_in()
    assert first.status_code == 200
    assert "<h1>Today</h1>" in first.text
    assert 'src="data:image/svg+xml' not in first.text  # the QR code was on the page before
    out = await cara.client.post("/workspace/sign-out")
    assert "You have signed out" in out.text or "Sign in to Kith" in out.text
    again = await cara.sign_in()
    assert "<h1>Today</h1>" in again.text
    logins = await session.scalars(select(AuditEvent).where(AuditEvent.action == "login"))
    assert len(list(logins)) == 2


async def test_the_enrolment_page_shows_a_qr_code_drawn_here(desk_for, browser) -> None:
    page = await browser.get("/workspace/sign-in")
    enrol = await browser.post(
        "/workspace/sign-in",
        data={
            "form_key": hidden(page.text, "form_key"),
            "email": "cara@north.example",
            "password": PASSWORD,
            "next": "/",
        },
    )
    assert 'src="data:image/svg+xml' in enrol.text
    assert "http" not in enrol.text.split('src="data:image/svg+xml')[1].split('"')[0][:20]


async def test_a_wrong_code_is_refused_and_the_email_stays_typed(desk_for, clock) -> None:
    cara = desk_for("cara")
    await cara.sign_in()
    await cara.client.post("/workspace/sign-out")
    page = await cara.client.get("/workspace/sign-in")
    refused = await cara.client.post(
        "/workspace/sign-in",
        data={
            "form_key": hidden(page.text, "form_key"),
            "email": cara.email,
            "password": PASSWORD,
            "code": "000000",
            "next": "/",
        },
    )
    assert refused.status_code == 401
    assert "The email, password or code is wrong" in refused.text
    assert f'value="{cara.email}"' in refused.text


async def test_an_empty_form_says_what_is_missing_beside_each_field(browser) -> None:
    page = await browser.get("/workspace/sign-in")
    refused = await browser.post(
        "/workspace/sign-in", data={"form_key": hidden(page.text, "form_key"), "next": "/"}
    )
    assert refused.status_code == 422
    assert 'id="f-email-error">Type your email address.' in refused.text
    assert 'id="f-password-error">Type your password.' in refused.text


async def test_a_page_without_a_session_goes_to_sign_in_and_back(desk_for, council) -> None:
    cara = desk_for("cara")
    asked = await cara.get(f"/young-people/{council.ids['sam']}")
    assert "Sign in to Kith" in asked.text
    back = await cara.sign_in(next_path=f"/young-people/{council.ids['sam']}")
    assert "<h1>Sam</h1>" in back.text


async def test_an_idle_session_ends_and_says_so(desk_for, clock) -> None:
    cara = desk_for("cara")
    await cara.sign_in()
    clock.advance(timedelta(minutes=31))
    later = await cara.get("/")
    assert "nothing happened for a while" in later.text
    assert "Sign in to Kith" in later.text


async def test_a_form_without_the_csrf_token_changes_nothing(desk_for, council) -> None:
    cara = desk_for("cara")
    await cara.sign_in()
    refused = await cara.client.post(
        f"/workspace/young-people/{council.ids['sam']}/replies", data={"message": "hello"}
    )
    assert refused.status_code == 400
    assert "Nothing was saved" in refused.text


async def test_the_cookie_is_httponly_and_samesite(browser, council) -> None:
    page = await browser.get("/workspace/sign-in")
    assert "httponly" in page.headers["set-cookie"].lower()
    assert "samesite=strict" in page.headers["set-cookie"].lower()
    assert "default-src 'none'" in page.headers["content-security-policy"]


async def test_the_playgrounds_link_signs_in_its_demo_coordinator_only(
    sessionmaker, clock, council
) -> None:
    elsewhere = workspace_app(
        sessionmaker, clock, demo_sign_in=("s3cret-code", council.emails["cara"], "southshire")
    )
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=elsewhere), base_url=BASE
    ) as client:
        # The demo link opens the demo council's account only, never one of the same email.
        assert (await client.get("/workspace/demo/s3cret-code")).status_code == 404
    app = workspace_app(
        sessionmaker, clock, demo_sign_in=("s3cret-code", council.emails["cara"], "northshire")
    )
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url=BASE, follow_redirects=True
    ) as client:
        wrong = await client.get("/workspace/demo/guessed")
        assert wrong.status_code == 404
        assert "already been used or has expired" in wrong.text
        right = await client.get("/workspace/demo/s3cret-code")
        assert "<h1>Today</h1>" in right.text
