"""The dynamic half of the catalog proof: in a pseudo-locale, every word on screen is marked.

Every catalog text is wrapped in ⟦ ⟧ by the pseudo-locale; a text written anywhere outside the
catalog would show up unwrapped. Values filled into a text (a name, a date) sit inside.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from gettext import NullTranslations

import pytest

from tests.chat.kit import ChatSandbox
from tests.chat.messages import BotMessage
from tests.support.chat_journeys import council, tap
from texts import catalog
from texts import chat as texts

PSEUDO = "qps"
INNERMOST = re.compile(r"⟦[^⟦⟧]*⟧")


class Pseudo(NullTranslations):
    def gettext(self, message: str) -> str:
        return f"⟦{message}⟧"


def p(message: str) -> str:
    """A label as the pseudo-locale shows it."""
    return f"⟦{message}⟧"


@pytest.fixture
def pseudo_locale() -> Iterator[None]:
    catalog.register(PSEUDO, Pseudo(), "Pseudo")
    yield
    catalog.unregister(PSEUDO)


def outside_the_catalog(shown: str) -> str:
    """What is left once every marked text (nested ones too: lists are built of texts) goes."""
    while (shorter := INNERMOST.sub("", shown)) != shown:
        shown = shorter
    return shown.strip()


def unmarked(messages: list[BotMessage]) -> list[str]:
    return [
        shown
        for message in messages
        for shown in [message.text, *message.buttons]
        if not shown.startswith("⟦") or outside_the_catalog(shown)
    ]


async def test_no_user_facing_text_bypasses_the_catalog(
    sandbox: ChatSandbox, pseudo_locale: None
) -> None:
    await council(sandbox)
    pat = sandbox.young_person("Pat", language_code=PSEUDO)
    await pat.says("/start")
    await tap(pat, p(texts.BTN_TELL_ME_MORE))
    await tap(pat, p(texts.BTN_YES_GO_ON))
    await pat.says("Pat")
    await pat.says("16")
    await tap(pat, p(texts.BTN_LEFT_CARE))
    await tap(pat, p("Northshire Council (fictional)"))
    await tap(pat, p(texts.BTN_NO))
    await tap(pat, p(texts.BTN_EVENING))
    await pat.sees("Pat")
    await pat.says("/help")
    await tap(pat, p(texts.BTN_MY_PEOPLE))
    await tap(pat, p(texts.BTN_ADD_PERSON))
    await pat.says("Nan")
    await tap(pat, p(texts.REL_GRANDPARENT))
    await tap(pat, p(texts.BTN_YES))
    await tap(pat, p(texts.BTN_SKIP))
    await tap(pat, p(texts.BTN_INNER))
    await pat.says("1/5")
    await tap(pat, p(texts.BTN_NO))
    await tap(pat, p(texts.BTN_MY_CIRCLE))
    await pat.sees(p(texts.CIRCLE_CAPTION))
    await pat.says("/mypeople")
    await tap(pat, p("Remove Nan"))
    await tap(pat, p(texts.BTN_NO_KEEP))
    await pat.says("/reminders")
    await tap(pat, p(texts.BTN_NEW_REMINDER))
    await tap(pat, p("Nan"))
    await tap(pat, p("Call Nan"))
    await tap(pat, p(texts.BTN_TOMORROW))
    await tap(pat, p("5 PM"))
    await tap(pat, p(texts.BTN_MONTHLY))
    await pat.says("/reminders")
    await tap(pat, p(texts.BTN_BIRTHDAYS_ON))
    await pat.says("/tell")
    await tap(pat, p(texts.BTN_WORRY))
    await pat.says("School is hard")
    await pat.says("/pause")
    await tap(pat, p(texts.BTN_ONE_WEEK))
    await pat.says("/mydata")
    await pat.sends_sticker()
    await pat.says("/nonsense")
    await pat.says("I feel unsafe at home")
    await pat.says("/language")
    await pat.says("/stop")
    await pat.says("/start")
    await pat.says("/delete")
    await tap(pat, p(texts.BTN_YES_DELETE))
    await sandbox.settle()
    shown = pat.messages()
    assert len(shown) > 35
    assert unmarked(shown) == []
