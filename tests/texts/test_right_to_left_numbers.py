"""A helpline number in a right-to-left text reads in the right order, its groups unswapped.

Unicode's bidi algorithm (UAX #9) types a digit after an Arabic letter as an Arabic number
(rule W2) and the space between two such numbers as right to left (N1), so "لەسەر 0800 1111"
shows as "1111 0800": a young person in danger could dial the wrong number. After a Latin
letter the digits are left to right (W7) and the space between them too, so "Childline:
0800 1111" shows as written. Every right-to-left catalog writes its spaced numbers that way.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from texts import chat
from texts.catalog import t
from texts.catalog_files import read_catalog_file
from texts.coverage import catalog_path
from texts.languages import LANGUAGES
from texts.values import ISOLATE_END, LEFT_TO_RIGHT_ISOLATE, shown

RIGHT_TO_LEFT = [
    code
    for code, language in LANGUAGES.items()
    if language.right_to_left and catalog_path(code).is_file()
]
# The helpline numbers written in groups (one group alone, "85258" or "999", cannot swap).
SPACED = re.compile(r"0800 1111|116 123|116 000")


def strong_before(text: str, at: int) -> str:
    """The bidi class of the last strong letter before `at` in its line ("sos" if none)."""
    for char in reversed(text[:at]):
        if char == "\n":
            break
        kind = unicodedata.bidirectional(char)
        if kind in ("L", "R", "AL"):
            return kind
    return "sos"


def test_the_rule_this_test_relies_on() -> None:
    assert strong_before("لەسەر 0800 1111", 6) == "AL"
    assert strong_before("پەیوەندی بکە بە Childline: 0800 1111", 27) == "L"


@pytest.mark.parametrize("code", RIGHT_TO_LEFT)
def test_each_spaced_helpline_number_follows_a_latin_name(code: str) -> None:
    wrong = [
        (message_id[:40], text[max(0, found.start() - 25) : found.end()])
        for message_id, text in read_catalog_file(catalog_path(code)).usable.items()
        for found in SPACED.finditer(text)
        if strong_before(text, found.start()) != "L"
    ]
    assert wrong == [], f"{code}: write 'Childline: 0800 1111', the name just before, in {wrong}"


@pytest.mark.parametrize("code", RIGHT_TO_LEFT)
def test_a_number_in_groups_filled_in_stays_left_to_right(code: str) -> None:
    """A council's out-of-hours line, filled into a right-to-left text, keeps its order."""
    said = t(code, chat.MY_DATA_WORKER, worker="0300 123 4567")
    assert f"{LEFT_TO_RIGHT_ISOLATE}0300 123 4567{ISOLATE_END}" in said


def test_only_grouped_numbers_in_right_to_left_texts_are_isolated() -> None:
    assert shown("0300 123 4567", "en") == "0300 123 4567"
    assert (
        shown("+44 20 7946 0000", "fa") == f"{LEFT_TO_RIGHT_ISOLATE}+44 20 7946 0000{ISOLATE_END}"
    )
    assert shown("999", "ar") == "999"
    assert shown("ناصر", "ar") == "ناصر"
