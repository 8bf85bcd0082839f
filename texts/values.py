"""How a value filled into a text is shown in a language: its numbers, and names in other scripts.

Numbers are written the language's way (Babel: "1,250" in English, "1 250" in Polish).
A name or other value of the opposite direction to the text (a Latin "Sam" in an Arabic
sentence, an Arabic "محمد" in an English one) is wrapped in Unicode's first-strong isolate
(U+2068 … U+2069), the way Unicode asks mixed-direction text to be built, so the name cannot
pull the words, numbers or punctuation beside it to the wrong side. Telegram's apps honour
these invisible marks; a value of the text's own direction is left exactly as it was.
A number in groups ("0300 123 4567", a council's out-of-hours line) has no letters to give it
a direction, and in a right-to-left text its groups would swap ("4567 123 0300"), so there it
is isolated left to right (U+2066 … U+2069).
"""

from __future__ import annotations

import re
import unicodedata

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal

from texts.languages import DEFAULT_LANGUAGE, LANGUAGES, catalog_code

ISOLATE_START = "\u2068"
ISOLATE_END = "\u2069"
LEFT_TO_RIGHT_ISOLATE = "\u2066"
_RTL = {"R", "AL"}
_GROUPED_NUMBER = re.compile(r"\+?[\d(][\d ()\-]*\d")


def locale_of(language: str) -> Locale:
    """Babel's locale for a Kith code (English for one Babel does not know)."""
    try:
        return Locale.parse(catalog_code(language))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LANGUAGE)


def has_right_to_left(value: str) -> bool:
    return any(unicodedata.bidirectional(char) in _RTL for char in value)


def has_left_to_right(value: str) -> bool:
    return any(unicodedata.bidirectional(char) == "L" for char in value)


def shown(value: object, language: str) -> object:
    """`value` as it goes into a text in `language` (unchanged when nothing is needed)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return format_decimal(value, locale=locale_of(language))
    if not isinstance(value, str):
        return value
    known = LANGUAGES.get(language)
    right_to_left = known is not None and known.right_to_left
    if right_to_left and " " in value.strip() and _GROUPED_NUMBER.fullmatch(value.strip()):
        return f"{LEFT_TO_RIGHT_ISOLATE}{value}{ISOLATE_END}"
    opposite = has_left_to_right(value) if right_to_left else has_right_to_left(value)
    return f"{ISOLATE_START}{value}{ISOLATE_END}" if opposite else value
