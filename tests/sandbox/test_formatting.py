"""Parse modes as Telegram applies them; offsets in UTF-16 units, so PTB reads them right."""

from __future__ import annotations

import pytest

from bot.sandbox.errors import ApiError
from bot.sandbox.formatting import parse


def test_entities_count_utf16_units_after_an_emoji() -> None:
    text, entities = parse("👋 <b>Sam</b>", "HTML")
    assert text == "👋 Sam"
    assert entities == [{"type": "bold", "offset": 3, "length": 3}]


def test_markdown_v2_links_and_escapes() -> None:
    text, entities = parse(r"See [Nan\'s page](https://example.org) \- ok\!", "MarkdownV2")
    assert text == "See Nan's page - ok!"
    assert entities == [
        {"type": "text_link", "offset": 4, "length": 10, "url": "https://example.org"}
    ]


def test_legacy_markdown_needs_closed_entities() -> None:
    assert parse("*bold* and _it_", "Markdown")[0] == "bold and it"
    with pytest.raises(ApiError, match="Can't find end of the entity"):
        parse("Sam_J", "Markdown")


@pytest.mark.parametrize(
    ("text", "mode"),
    [("<3 Nan", "HTML"), ("<i>x</b>", "HTML"), ("<blink>x</blink>", "HTML"), ("1.5", "MarkdownV2")],
)
def test_what_telegram_cannot_parse_is_refused(text: str, mode: str) -> None:
    with pytest.raises(ApiError, match="can't parse entities") as caught:
        parse(text, mode)
    assert caught.value.status == 400


def test_plain_text_is_left_alone() -> None:
    assert parse("<3 Nan & Sam_J.", None) == ("<3 Nan & Sam_J.", [])
