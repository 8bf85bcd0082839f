"""One normaliser for every language: the message and the data files are read the same way.

Young people write fast: capitals, apostrophes, stretched letters ("pleeease"), leetspeak
("k1ll"), look-alike Arabic-script letters, invisible joiners. All of that is folded here, the
same for every language, so a data file is written once in plain spelling and still matches.
"""

from __future__ import annotations

import re
import unicodedata

# A sentence break: gaps in a pattern never reach over one, nor does a "not".
BREAK = "."
# What an exception leaves in place of the words it matched.
MASK = "~"

_DROP = (
    # Zero-width characters, soft hyphen, bidi marks, variation selectors, skin tones.
    "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u061c\u180e"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufe0e\ufe0f"
    # Apostrophes of every kind ("dont", "don't" and "don’t" are one word).
    "'\u2019\u2018\u02bc\u0060\u00b4\u02b9\u2032"
    # Arabic tatweel and harakat (short vowels, shadda, sukun, superscript alef).
    "\u0640\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0656\u0657"
    "\u0658\u0659\u065a\u065b\u065c\u065d\u065e\u065f\u0670"
)
_FOLD = {
    # Arabic and Persian yeh and kaf are one letter each; alef forms are plain alef.
    "\u064a": "\u06cc",
    "\u0649": "\u06cc",
    "\u0643": "\u06a9",
    "\u0623": "\u0627",
    "\u0625": "\u0627",
    "\u0622": "\u0627",
    "\u0671": "\u0627",
    # Sorani's own letters, typed as their plain Arabic bases on keyboards that lack them (and
    # ە as heh and a zero-width joiner, which is dropped): ە ێ ۆ ڕ ڵ ھ. Only Kurdish writes them.
    "\u06d5": "\u0647",
    "\u06ce": "\u06cc",
    "\u06c6": "\u0648",
    "\u0695": "\u0631",
    "\u06b5": "\u0644",
    "\u06be": "\u0647",
    # Letters with no decomposition that people write both ways.
    "\u0142": "l",
    "\u0111": "d",
    "\u00f8": "o",
    "\u0127": "h",
    "\u0131": "i",
}
_DIGITS = {0x0660 + n: str(n) for n in range(10)} | {0x06F0 + n: str(n) for n in range(10)}
_SKIN_TONES: dict[int, str | None] = {code: None for code in range(0x1F3FB, 0x1F400)}


def _latin_without_accents() -> dict[int, str | None]:
    """é→e, ę→e, ș→s, ŵ→w, ạ→a: accents are often left off, so they never decide a match."""
    table: dict[int, str | None] = {}
    for code in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]:
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base != chr(code) and base.isascii() and base.isalpha():
            table[code] = base.casefold()
    return table


_TABLE: dict[int, str | None] = (
    _latin_without_accents()
    | {ord(c): None for c in _DROP}
    | {ord(k): v for k, v in _FOLD.items()}
    | _DIGITS
    | _SKIN_TONES
)

_EMOJI = "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff\u2190-\u21ff"
_TOKEN = re.compile(rf"[^\W_]+|[{_EMOJI}£€$]|[.!?;\n]+")
_INNER_LEET = re.compile(r"(?<=[^\W\d_])[@$!](?=[^\W\d_])")
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
)
# "5am", "3rd", "10pm", "2nite" keep their digits: numbers first, then a short ending.
_NUMBER_FIRST = re.compile(r"\d+[^\W\d_]{0,4}")
_STRETCHED = re.compile(r"(.)\1{2,}")


def _token(raw: str) -> str:
    if raw[0] in ".!?;\n":
        return BREAK
    if not raw.isalpha() and not raw.isdigit() and not _NUMBER_FIRST.fullmatch(raw):
        raw = raw.translate(_LEET)
    return _STRETCHED.sub(r"\1\1", raw)


def normalise(text: str) -> list[str]:
    """The words, emoji and sentence breaks of `text`, folded the way every data file is."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_TABLE)
    folded = _INNER_LEET.sub(lambda m: m.group().translate(_LEET), folded)
    return [_token(raw) for raw in _TOKEN.findall(folded)]


def squeezed(word: str) -> str:
    """`word` with doubled letters single: "diie" meets "die", "stabed" meets "stabbed"."""
    return re.sub(r"(.)\1+", r"\1", word)
