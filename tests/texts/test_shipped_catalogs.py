"""Every translation Kith ships: complete, placeholders intact, buttons that fit, helplines exact.

Run over each catalog in texts/locale, so a translator's slip (a changed {name}, a lost
number, a button too long for a phone) fails here and never reaches a chat.
"""

from __future__ import annotations

import pytest

from texts import chat, safety
from texts.catalog import t
from texts.catalog_files import REVIEWED, TRANSLATOR, header_fields, read_catalog_file
from texts.coverage import catalog_path, language_state
from texts.languages import DEFAULT_LANGUAGE, LANGUAGES

SHIPPED = [code for code in LANGUAGES if code != DEFAULT_LANGUAGE and catalog_path(code).is_file()]
SAMPLE = {
    "name": "Sam",
    "council": "Northshire Council",
    "when": "Monday 2 March, 9:00 AM",
    "label": "Nan",
    "what": "Message Nan",
    "relationship": "Nan",
    "worker": "Jo",
    "age": 14,
    "count": 3,
    "who": "Nan",
    "title": "Check-in missed",
    "number": "12",
    "phone": "0300 123 4567",
    "minutes": 15,
    "days": 5,
}
# Names and numbers a young person in danger must be able to read, call and search for as
# they are, in every language (DESIGN rule 4).
HELPLINES = (
    "Childline",
    "0800 1111",
    "Samaritans",
    "116 123",
    "SHOUT",
    "85258",
    "Runaway Helpline",
    "116 000",
    "NHS",
    "111",
    "2",
    "999",
)
BUTTON_PREFIXES = ("BTN_", "REL_", "WHAT_")
# Telegram shows about this many characters of a button on a phone; ours stay within it.
MAX_BUTTON = 64


def _buttons() -> dict[str, str]:
    return {
        key: value
        for module in (chat, safety)
        for key, value in vars(module).items()
        if key.startswith(BUTTON_PREFIXES) and isinstance(value, str)
    }


@pytest.mark.parametrize("code", SHIPPED)
def test_the_catalog_says_who_translated_it_and_whether_it_was_reviewed(code: str) -> None:
    fields = header_fields(catalog_path(code).read_text(encoding="utf-8"))
    assert fields.get(TRANSLATOR), f"{code}: add {TRANSLATOR} to the header"
    reviewed = fields.get(REVIEWED, "")
    assert reviewed == "no" or reviewed.startswith("yes by "), (code, reviewed)


@pytest.mark.parametrize("code", SHIPPED)
def test_every_text_is_translated_with_its_placeholders_intact(code: str) -> None:
    state = language_state(code)
    assert state.broken == (), f"{code}: placeholders changed in {state.broken}"
    assert state.missing == (), f"{code}: {len(state.missing)} missing, e.g. {state.missing[:3]}"
    for message in read_catalog_file(catalog_path(code)).usable:
        t(code, message, **SAMPLE)


@pytest.mark.parametrize("code", SHIPPED)
def test_every_button_label_fits_on_a_button(code: str) -> None:
    for key, message in _buttons().items():
        label = t(code, message, **SAMPLE)
        assert label.strip(), (code, key)
        assert "\n" not in label, (code, key)
        assert len(label) <= MAX_BUTTON, (code, key, label)


@pytest.mark.parametrize("code", SHIPPED)
def test_the_helplines_are_exact_in_every_language(code: str) -> None:
    said = t(code, chat.HELPLINES)
    assert said != chat.HELPLINES, f"{code}: the helplines message is not translated"
    missing = [fact for fact in HELPLINES if fact not in said]
    assert missing == [], (code, missing)
    for message in (chat.WELCOME_NOT_WATCHED, chat.OUT_OF_HOURS, safety.GLAD_OK):
        assert "Childline" in t(code, message, when="x") and "0800 1111" in t(
            code, message, when="x"
        )
    # Beside the council's own out-of-hours number, 999 is always there.
    assert "999" in t(code, safety.OUT_OF_HOURS_TEAM, phone="0300 123 4567")


@pytest.mark.parametrize("code", SHIPPED)
def test_every_text_fits_in_one_telegram_message(code: str) -> None:
    for message in read_catalog_file(catalog_path(code)).usable.values():
        assert len(message) <= 4096
    assert len(t(code, chat.CIRCLE_CAPTION)) <= 1024
