"""Reading a language's data files, refusing any line that is not as README.md describes.

An error names the file and the line, so the safeguarding lead (or a translator) can find
and fix the slip; a file that does not read is never half-used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from models.safeguarding.recognition.normalising import BREAK, normalise

CATEGORIES = (
    "self_harm",
    "suicide",
    "abuse",
    "sexual_abuse",
    "exploitation",
    "hurt",
    "unsafe",
    "running_away",
)
TIERS = ("clear", "possible")
DATA_DIR = Path(__file__).resolve().parents[1] / "data"
# Lexicons with a meaning of their own: words that turn a statement round ("not"), and words
# that say it is a joke, a game, a film or the news ("lol", "in fortnite").
NEGATION = "negation"
SOFTENERS = "softeners"
# ... and words that say it is about something watched, read or taught ("a documentary about").
STORIES = "stories"
# ... and words that make a "not" a settled fact ("i havent cut in a year", "im not suicidal dont
# worry"): a match turned down by a "not" goes down once more when one stands in its sentence.
REASSURANCE = "reassurance"

_NAME = re.compile(r"[a-z][a-z0-9_]*")
_PATTERN_LINE = re.compile(r"(?P<tier>[a-z]+)\s+(?P<category>[a-z_]+)\s*:\s*(?P<pattern>.+)")
_PIECE = re.compile(r"\{[^}]*\}\??|\[[^\]]*\]\??|\.\.\.|…|~|[^\s\[\]{}]+")


Lexicons = dict[str, list[tuple[str, ...]]]


class DataError(ValueError):
    """A data file line that cannot be read; says which file, which line and why."""

    def __init__(self, path: Path | str, line: int, why: str) -> None:
        super().__init__(f"{path}, line {line}: {why}")
        self.path, self.line = str(path), line


@dataclass(frozen=True)
class Piece:
    """One step of a pattern: words, a lexicon, a choice, or a gap of up to four words."""

    kind: str  # "words", "lexicon", "choice", "gap" (up to four words), "sentence" (any)
    value: tuple[tuple[str, ...], ...] = ()  # words: one entry; choice: its entries
    name: str = ""  # the lexicon's name
    optional: bool = False


@dataclass(frozen=True)
class Rule:
    """A pattern with its tier and category (exceptions have neither), and where it came from."""

    language: str
    source: str
    pieces: tuple[Piece, ...]
    tier: str = ""
    category: str = ""
    line: int = 0
    examples: list[str] = field(default_factory=list)
    counter_examples: list[str] = field(default_factory=list)


@dataclass
class LanguageData:
    language: str
    lexicons: dict[str, list[tuple[str, ...]]]
    patterns: list[Rule]
    exceptions: list[Rule]


def _lines(path: Path) -> list[tuple[int, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise DataError(path, 1, f"is not UTF-8 ({error.reason})") from error
    found = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line and not line.startswith("#"):
            found.append((number, line))
    return found


def _entry(path: Path, number: int, raw: str) -> tuple[str, ...]:
    """Words of one entry, normalised; "{name}" and "word*" survive as they are."""
    words: list[str] = []
    for part in raw.split():
        if re.fullmatch(r"\{[a-z][a-z0-9_]*\}", part):
            words.append(part)
            continue
        star = part.endswith("*")
        folded = normalise(part[:-1] if star else part)
        if BREAK in folded or not folded or (star and len(folded) != 1):
            raise DataError(path, number, f"{raw!r} is not words (no punctuation inside one)")
        if star:
            if len(folded[0]) < 3:
                raise DataError(path, number, f"{part!r}: a word* needs at least 3 letters")
            folded[0] += "*"
        words.extend(folded)
    if not words:
        raise DataError(path, number, "an empty entry (two commas together?)")
    return tuple(words)


def read_lexicons(path: Path) -> dict[str, list[tuple[str, ...]]]:
    lexicons: dict[str, list[tuple[str, ...]]] = {}
    current: list[tuple[str, ...]] | None = None
    for number, line in _lines(path):
        if line.startswith("["):
            name = line.strip("[] ")
            if not line.endswith("]") or not _NAME.fullmatch(name):
                raise DataError(path, number, f"{line!r}: a heading is [name], lower case")
            if name in lexicons:
                raise DataError(path, number, f"[{name}] appears twice")
            current = lexicons[name] = []
            continue
        if current is None:
            raise DataError(path, number, "words before the first [heading]")
        parts = line.split(",")
        if len(parts) > 1 and not parts[-1].strip():
            parts.pop()  # a comma at the end of a line is fine
        current.extend(_entry(path, number, part) for part in parts)
    return lexicons


def _pieces(path: Path, number: int, text: str, lexicons: Lexicons) -> tuple[Piece, ...]:
    pieces: list[Piece] = []
    for raw in _PIECE.findall(text):
        optional = raw.endswith("?") and len(raw) > 1
        body = raw[:-1] if optional else raw
        if body in ("...", "…"):
            pieces.append(Piece("gap"))
        elif body == "~":
            pieces.append(Piece("sentence"))
        elif body.startswith("{"):
            name = body.strip("{}")
            if name not in lexicons:
                raise DataError(path, number, f"{{{name}}} is not a lexicon in lexicons.txt")
            pieces.append(Piece("lexicon", name=name, optional=optional))
        elif body.startswith("["):
            options = tuple(_entry(path, number, part) for part in body.strip("[]").split("|"))
            pieces.append(Piece("choice", value=options, optional=optional))
        else:
            pieces.append(Piece("words", value=(_entry(path, number, body),), optional=optional))
    gaps = ("gap", "sentence")
    if not any(not piece.optional and piece.kind not in gaps for piece in pieces):
        raise DataError(path, number, "a pattern needs at least one word that must be there")
    if pieces[0].kind in gaps or pieces[-1].kind in gaps:
        raise DataError(path, number, "a pattern cannot start or end with ... or ~")
    return tuple(pieces)


def _rules(path: Path, language: str, lexicons: Lexicons, *, with_tier: bool) -> list[Rule]:
    rules: list[Rule] = []
    for number, line in _lines(path):
        key, _, rest = line.partition(":")
        if key.strip() in ("example", "not") and _:
            if not rules:
                raise DataError(path, number, f"an {key.strip()}: line before any pattern")
            target = rules[-1].examples if key.strip() == "example" else rules[-1].counter_examples
            target.append(rest.strip())
            continue
        tier = category = ""
        text = line
        if with_tier:
            found = _PATTERN_LINE.fullmatch(line)
            if found is None:
                raise DataError(path, number, "not 'tier category: pattern' nor 'example: ...'")
            tier, category, text = found["tier"], found["category"], found["pattern"]
            if tier not in TIERS:
                raise DataError(path, number, f"tier {tier!r} is not one of {', '.join(TIERS)}")
            if category not in CATEGORIES:
                raise DataError(path, number, f"category {category!r} is not one of the eight")
        pieces = _pieces(path, number, text, lexicons)
        rules.append(Rule(language, text.strip(), pieces, tier, category, number))
    for rule in rules:
        if not rule.examples:
            raise DataError(path, rule.line, f"{rule.source!r} has no example: line under it")
    return rules


def _check_references(path: Path, lexicons: dict[str, list[tuple[str, ...]]]) -> None:
    for name, entries in lexicons.items():
        for entry in entries:
            for word in entry:
                if word.startswith("{") and word.strip("{}") not in lexicons:
                    raise DataError(path, 1, f"[{name}] uses {word}, which is not a lexicon")


def read_language(directory: Path) -> LanguageData:
    """One language's lexicons, patterns and exceptions; a missing file counts as empty."""
    language = directory.name
    lexicon_file = directory / "lexicons.txt"
    lexicons = read_lexicons(lexicon_file) if lexicon_file.is_file() else {}
    _check_references(lexicon_file, lexicons)
    found = []
    for name, with_tier in (("patterns.txt", True), ("exceptions.txt", False)):
        path = directory / name
        found.append(
            _rules(path, language, lexicons, with_tier=with_tier) if path.is_file() else []
        )
    return LanguageData(language, lexicons, found[0], found[1])


def languages(data_dir: Path = DATA_DIR) -> list[Path]:
    """Every language directory (a directory holding any of the three data files)."""
    names = ("lexicons.txt", "patterns.txt", "exceptions.txt")
    return sorted(
        path
        for path in data_dir.iterdir()
        if path.is_dir() and any((path / name).is_file() for name in names)
    )
