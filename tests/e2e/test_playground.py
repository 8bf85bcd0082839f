"""End to end, as a council's evaluator would try it: with no Telegram token, Kith serves the
playground; in headless Chromium we choose a name, send /start and see the bot answer."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import pytest

from bot.sandbox.server import bind, serving
from kith.playground import Playground
from kith.runtime import build_runtime
from kith.settings import load_settings
from kith.system import System
from models.core.clock import ManualClock
from tests.chat.fixtures import TEST_KEY
from tests.e2e.browser import chromium_page, chromium_path
from texts import chat
from texts.catalog import t
from texts.staff import NUDGE_TITLES

DISCLOSURE = "i dont feel safe at home, my step dad hurts me"


async def _tap(page, label: str) -> None:
    """Tap the newest button with this label on the young person's pane, once it is there."""
    found = (
        "(() => { const all = [...document.querySelectorAll('#yp-messages .buttons button')]"
        f".filter(b => b.textContent.trim() === {label!r}); return all.length > 0; }})()"
    )
    await page.wait_for(found)
    await page.evaluate(
        "(() => { const all = [...document.querySelectorAll('#yp-messages .buttons button')]"
        f".filter(b => b.textContent.trim() === {label!r}); all[all.length - 1].click(); }})()"
    )


async def _send(page, words: str) -> None:
    await page.type_into("#yp-input", words)
    await page.click("#yp-send")


async def _bot_said(page, words: str) -> None:
    await page.wait_for(
        "[...document.querySelectorAll('#yp-messages .bubble.bot')]"
        f".some(b => b.textContent.includes({words!r}))"
    )


@pytest.fixture
async def playground(database_url: str, sessionmaker, clock: ManualClock) -> AsyncIterator[str]:
    settings = load_settings(
        _env_file=None, environment="test", database_url=database_url, encryption_keys=TEST_KEY
    )
    runtime = build_runtime(
        System(settings, sessionmaker.kw["bind"], sessionmaker, clock), playground_port=0
    )
    assert isinstance(runtime.playground, Playground), "no token: the playground runs"
    async with serving(runtime.app, bind()):
        yield runtime.playground.url


@pytest.fixture(autouse=True)
def chromium_installed() -> None:
    if chromium_path() is None:
        reason = "Chromium is missing (scripts/test.sh installs Debian's chromium as root)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)


async def test_a_visitor_chooses_a_name_sends_start_and_kith_answers(playground: str) -> None:
    async with chromium_page() as page:
        await page.open(f"{playground}/")
        await page.wait_for("document.querySelector('#co-title').textContent.includes('demo')")
        await page.type_into("#name-input", "Sam")
        await page.click("#start-button")
        await page.wait_for("!document.querySelector('#yp-form').hidden")
        await page.type_into("#yp-input", "/start")
        await page.click("#yp-send")
        # Sam's "/start" first, then the bot's answer below it.
        bubbles = await page.wait_for(
            "(() => { const all = [...document.querySelectorAll('#yp-messages .bubble')];"
            " return all.length > 1 && all.map(b => [b.className, b.textContent]); })()"
        )
        title = await page.evaluate("document.querySelector('#yp-title').textContent")
    assert bubbles[0] == ["bubble me", "/start"]
    assert bubbles[1][0] == "bubble bot" and bubbles[1][1].strip()
    assert title == "Sam's Telegram"


async def test_an_evaluator_picks_arabic_for_the_young_persons_telegram_and_sees_that_welcome(
    playground: str, every_language_complete, tmp_path
) -> None:
    async with chromium_page() as page:
        await page.open(f"{playground}/")
        await page.wait_for("document.querySelector('#co-title').textContent.includes('demo')")
        await page.type_into("#name-input", "Amira")
        await page.evaluate("document.querySelector('#language-input').value = 'ar-SA'")
        await page.click("#start-button")
        await page.wait_for("!document.querySelector('#yp-form').hidden")
        await page.type_into("#yp-input", "/start")
        await page.click("#yp-send")
        texts_shown = await page.wait_for(
            "(() => { const all = [...document.querySelectorAll('#yp-messages .bubble .text')];"
            " return all.length > 2 && all.map(t => [t.dir, t.textContent]); })()"
        )
        buttons = await page.evaluate(
            "[...document.querySelectorAll('#yp-messages .buttons button')].map(b => b.textContent)"
        )
        await page.screenshot(tmp_path / "arabic.png")
    assert texts_shown[1][0] == "auto"
    assert t("ar", chat.WELCOME) in texts_shown[1][1]
    assert "English" in buttons and t("ar", chat.BTN_YES_GO_ON) in buttons


async def test_a_visitor_refers_herself_then_writes_about_danger_and_alex_is_told(
    playground: str,
) -> None:
    async with chromium_page() as page:
        await page.open(f"{playground}/")
        await page.wait_for("document.querySelector('#co-title').textContent.includes('demo')")
        await page.type_into("#name-input", "Sam")
        await page.click("#start-button")
        await page.wait_for("!document.querySelector('#yp-form').hidden")
        await _send(page, "/start")
        await _tap(page, chat.BTN_YES_GO_ON)
        await _bot_said(page, chat.ASK_NAME)
        await _send(page, "Sam")
        await _bot_said(page, "How old are you")
        await _send(page, "14")
        await _tap(page, chat.BTN_IN_CARE)
        await _tap(page, "Playground Borough Council (fictional demo)")
        await _tap(page, chat.BTN_YES)
        await _tap(page, chat.BTN_AFTER_SCHOOL)
        await _bot_said(page, "Thank you, Sam!")
        await _send(page, DISCLOSURE)
        await _bot_said(page, "Childline: call 0800 1111")
        await _bot_said(page, chat.CONCERN_RAISED)
        # The demo coordinator is on duty: the urgent nudge reaches their pane at once.
        await page.wait_for(
            "[...document.querySelectorAll('#co-messages .bubble')]"
            f".some(b => b.textContent.includes({NUDGE_TITLES['concern']!r}))"
        )
        pane = await page.evaluate("document.querySelector('#co-messages').textContent")
    assert "step dad" not in pane  # the young person's words never reach a lock screen
