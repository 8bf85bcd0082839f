"""The workspace in Debian's headless Chromium, on Kith as `kith run` serves it (the
playground's sandbox standing in for Telegram). The journeys of its "Done when": Alex, the
demo coordinator, signs in with a code from an authenticator app, sees the concern Sam raised
in the chat, opens Sam's record, acknowledges it, logs a call to Sam's aunt and moves her to
located, and writes to Sam — the message arrives in Sam's chat. Jo, the team manager, triages
and allocates a referral and downloads the report. Ada, the admin, disables an account.
axe-core checks every page on the way: no serious or critical violation."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pyotp
import pytest

from bot.sandbox import people
from kith.demo.playground import DEMO_COORDINATOR_EMAIL, DEMO_MANAGER_EMAIL
from models.core.clock import ManualClock
from tests.e2e.browser import Page, chromium_page, chromium_path, press, set_width
from tests.e2e.workspace_world import ADMIN_EMAIL, Running, axe_source, js, running_kith
from tests.support.factories import PASSWORD

SHOTS = os.environ.get("KITH_SCREENSHOTS")


@pytest.fixture(autouse=True)
def chromium_installed() -> None:
    if chromium_path() is None:
        reason = "Chromium is missing (scripts/test.sh installs Debian's chromium as root)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture
def backend() -> str:
    return "sqlite"  # one backend is enough for the browser; the pages' rules run on both


@pytest.fixture
async def kith(database_url, sessionmaker, clock) -> AsyncIterator[Running]:
    async for running in running_kith(database_url, sessionmaker, clock):
        yield running


class Checker:
    """axe-core in the page, and the list of pages checked with what it found."""

    def __init__(self) -> None:
        self.source = axe_source()
        self.found: dict[str, list[str]] = {}

    async def check(self, page: Page, name: str) -> None:
        await page.evaluate(self.source)
        self.found[name] = await page.evaluate(
            "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
            ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(' | ')))"
        )


async def wait_heading(page: Page, text: str) -> None:
    await page.wait_for(
        f"document.readyState === 'complete' && document.querySelector('h1') && "
        f"document.querySelector('h1').textContent.includes({js(text)})"
    )


async def submit(page: Page, selector: str) -> None:
    """Click a form's button and wait for the next page to load."""
    await page.evaluate("window.__left = true")
    await page.click(selector)
    await page.wait_for("!window.__left && document.readyState === 'complete'")


async def sign_in(
    page: Page,
    kith: Running,
    clock: ManualClock,
    email: str,
    lands_on: str = "Today",
    axe: Checker | None = None,
) -> str:
    """First sign-in: the password, then the QR page, then the app's first code."""
    await page.open(f"{kith.url}/sign-in")
    await page.type_into("#f-email", email)
    await page.type_into("#f-password", PASSWORD)
    await submit(page, "form[action$='/sign-in'] button")
    await wait_heading(page, "Set up your authenticator app")
    if axe is not None:
        await axe.check(page, "enrolment")
    secret = (await page.evaluate("document.querySelector('#totp-secret').textContent")).replace(
        " ", ""
    )
    await page.type_into("#f-code", pyotp.TOTP(secret).at(clock.now()))
    await submit(page, "form[action$='/enrol'] button")
    await wait_heading(page, lands_on)
    return secret


async def test_a_coordinators_morning_a_managers_triage_an_admins_account_work(
    kith: Running, clock: ManualClock, sessionmaker
) -> None:
    axe = Checker()
    people.says(kith.world, kith.sam, "I want to hurt myself")
    async with chromium_page() as page:
        await page.command("Page.enable")
        await page.command("Page.setBypassCSP", enabled=True)  # only to load axe-core
        await page.open(f"{kith.url}/sign-in")
        await axe.check(page, "sign-in")
        await sign_in(page, kith, clock, DEMO_COORDINATOR_EMAIL, axe=axe)
        for _ in range(100):  # the bot hears Sam and raises the concern
            urgent = await page.evaluate("document.querySelector('section.card').textContent")
            if "Sam" in urgent:
                break
            await page.open(f"{kith.url}/")
        assert "Sam" in urgent and "URGENT" in urgent
        await axe.check(page, "today")
        if SHOTS:
            await set_width(page, 1280, 1000)
            await page.screenshot(Path(SHOTS) / "workspace-today.png")
            await set_width(page, 1280, 760)
        await submit(page, "section.card a[href*='/young-people/']")
        await wait_heading(page, "Sam")
        await axe.check(page, "record")
        await submit(page, "form[action*='/acknowledge'] button")
        assert "acknowledged" in await page.evaluate("document.body.textContent")

        await page.open(f"{kith.url}/connections/{kith.ids['aunt']}")
        await axe.check(page, "connection")
        await page.evaluate("document.querySelector('#f-channel').value = 'call'")
        await page.evaluate("document.querySelector('#f-outcome').value = 'details_found'")
        await page.type_into("#f-note", "Her neighbour gave a new address")
        await page.type_into("#f-next_step", "Write to the new address")
        await submit(page, "form[action$='/contacts'] button")
        await page.evaluate("document.querySelector('#f-to').value = 'located'")
        await page.type_into("#f-reason", "address found")
        await submit(page, "form[action$='/status'] button")
        assert "Tracing status: located" in await page.evaluate(
            "document.querySelector('#h-status').textContent"
        )

        await page.open(f"{kith.url}/young-people/{kith.ids['sam']}")
        await page.type_into("#f-message", "Hi Sam, I saw your message. I will call at 4.")
        await submit(page, "form[action$='/replies'] button")
        assert "on its way" in await page.evaluate("document.body.textContent")
        if SHOTS:
            await set_width(page, 1280, 1500)
            await page.open(f"{kith.url}/young-people/{kith.ids['sam']}")
            await page.wait_for("document.querySelector('.circle img').complete")
            await page.screenshot(Path(SHOTS) / "workspace-record.png")
            await set_width(page, 1280, 760)
        chat = kith.world.private_chat(kith.sam)
        arrived = await kith.world.wait_until(
            lambda: [
                m for m in kith.world.bot_messages(chat) if "I will call at 4" in m.get("text", "")
            ],
            within=20,
        )
        assert arrived[0]["reply_markup"]["inline_keyboard"][0][0]["text"] == "Reply"
        for name, path in (("caseload", "/young-people"), ("settings", "/settings")):
            await page.open(f"{kith.url}{path}")
            await axe.check(page, name)
        await submit(page, "header form button")  # sign out

        await sign_in(page, kith, clock, DEMO_MANAGER_EMAIL)
        await page.open(f"{kith.url}/referrals")
        await axe.check(page, "referrals")
        await page.open(f"{kith.url}/referrals/{kith.ids['referral']}")
        await axe.check(page, "referral")
        await page.evaluate("document.querySelector('#f-to').value = 'accepted'")
        await submit(page, "form[action$='/moves'] button")
        await page.evaluate("document.querySelector('#f-to').value = 'allocated'")
        await page.evaluate(
            f"document.querySelector('#f-coordinator_id').value = '{kith.ids['coordinator']}'"
        )
        await submit(page, "form[action$='/moves'] button")
        assert "Now: allocated" in await page.evaluate(
            "document.querySelector('#h-now').textContent"
        )
        await page.open(f"{kith.url}/reports")
        await page.wait_for("document.querySelector('img.chart').complete")
        await axe.check(page, "reports")
        downloaded = await page.evaluate(
            "fetch(document.querySelector('#download-csv').href)"
            ".then(r => r.text().then(t => [r.headers.get('content-type'), t.slice(0, 200)]))"
        )
        assert downloaded[0].startswith("text/csv") and "section" in downloaded[1].lower()
        await submit(page, "header form button")

        await sign_in(page, kith, clock, ADMIN_EMAIL, lands_on="Staff accounts")
        await page.open(f"{kith.url}/admin/accounts")
        await axe.check(page, "accounts")
        await submit(page, f"form[action$='/accounts/{kith.ids['manager']}/disable'] button")
        assert "signed out everywhere" in await page.evaluate("document.body.textContent")
        await page.open(f"{kith.url}/admin/audit")
        await axe.check(page, "audit")
    assert {name: found for name, found in axe.found.items() if found} == {}
    assert len(axe.found) >= 12


async def test_sign_in_and_today_by_keyboard_alone_and_at_a_phones_width(
    kith: Running, clock: ManualClock
) -> None:
    people.says(kith.world, kith.sam, "I want to hurt myself")
    async with chromium_page() as page:
        await page.open(f"{kith.url}/sign-in")
        # The page's own policy lets its stylesheet load (no CSP bypass in this test).
        assert (
            await page.evaluate(
                "getComputedStyle(document.querySelector('header.top')).backgroundColor"
            )
            == "rgb(18, 38, 63)"
        )
        # The email field has the focus; everything after is typed and tabbed.
        assert await page.evaluate("document.activeElement.id") == "f-email"
        await page.command("Input.insertText", text=DEMO_COORDINATOR_EMAIL)
        await press(page, "Tab")
        assert await page.evaluate("document.activeElement.id") == "f-password"
        await page.command("Input.insertText", text=PASSWORD)
        await press(page, "Tab")
        assert await page.evaluate("document.activeElement.id") == "f-code"
        await press(page, "Tab")
        assert await page.evaluate("document.activeElement.type") == "submit"
        await page.evaluate("window.__left = true")
        await press(page, "Enter")
        await page.wait_for("!window.__left && document.readyState === 'complete'")
        assert await page.evaluate("document.activeElement.id") == "f-code"
        secret = (
            await page.evaluate("document.querySelector('#totp-secret').textContent")
        ).replace(" ", "")
        await page.command("Input.insertText", text=pyotp.TOTP(secret).at(clock.now()))
        await page.evaluate("window.__left = true")
        await press(page, "Enter")
        await page.wait_for("!window.__left && document.readyState === 'complete'")
        await wait_heading(page, "Today")
        for _ in range(100):
            if "Sam" in await page.evaluate("document.querySelector('section.card').textContent"):
                break
            await page.open(f"{kith.url}/")
        # Today: the skip link first, then straight to the first urgent concern.
        await press(page, "Tab")
        assert await page.evaluate("document.activeElement.className") == "skip"
        await press(page, "Enter")
        await press(page, "Tab")
        focused = await page.evaluate("document.activeElement.textContent")
        assert "Sam" in focused
        await press(page, "Tab")  # the Acknowledge button of that concern
        assert "Acknowledge" in await page.evaluate("document.activeElement.textContent")
        await page.evaluate("window.__left = true")
        await press(page, "Enter")
        await page.wait_for("!window.__left && document.readyState === 'complete'")
        assert "acknowledged" in await page.evaluate(
            "document.querySelector('section.card').textContent"
        )

        for path in ("/", f"/young-people/{kith.ids['sam']}", "/referrals"):
            await set_width(page, 375, mobile=True)
            await page.open(f"{kith.url}{path}")
            wide = await page.evaluate("document.documentElement.scrollWidth")
            assert wide <= 376, (path, wide)
