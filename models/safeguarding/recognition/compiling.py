"""Every language's data turned, once, into regular expressions over normalised words.

A message is read as its normalised words joined by single spaces (" he hits me "). Each
pattern becomes one regular expression over that line; each is keyed by the words it cannot
match without, so a message wakes only the few patterns whose key words it holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from models.safeguarding.recognition.data_files import (
    NEGATION,
    REASSURANCE,
    SOFTENERS,
    STORIES,
    DataError,
    LanguageData,
    Piece,
    Rule,
)
from models.safeguarding.recognition.normalising import BREAK, normalise

# A gap ("...") is up to this many words, never across a sentence break.
GAP_WORDS = 4
# Up to SENTENCE_WORDS words, never across a sentence break (a "not" inside counts too).
SENTENCE_WORDS = 12
_SENTENCE = rf"((?:[^ {re.escape(BREAK)}][^ ]* ){{0,{SENTENCE_WORDS}}}?)"
# Gaps are the only capturing groups: a "not" inside one turns the match down.
_GAP = rf"((?:[^ {re.escape(BREAK)}][^ ]* ){{0,{GAP_WORDS}}})"


@dataclass(frozen=True)
class Compiled:
    rule: Rule
    regex: re.Pattern[str]
    words: frozenset[str]  # one of these, or a word starting with one of `stems`, must be there
    stems: frozenset[str]
    negation: tuple[tuple[str, ...], ...]  # its language's, and English's
    softeners: tuple[tuple[str, ...], ...]  # the same
    stories: tuple[tuple[str, ...], ...]  # the same
    reassurance: tuple[tuple[str, ...], ...] = ()  # the same


class _Language:
    """Regexes for one language's lexicons, built on demand and kept."""

    def __init__(self, data: LanguageData, path: Path) -> None:
        self.data, self.path = data, path
        self._regex: dict[str, str] = {}
        self._keys: dict[str, tuple[frozenset[str], frozenset[str]]] = {}

    def _lexicon(self, name: str, seen: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
        if name in seen:
            raise DataError(self.path, 1, f"[{name}] includes itself through {' → '.join(seen)}")
        return self.data.lexicons[name]

    def lexicon_regex(self, name: str, seen: tuple[str, ...] = ()) -> str:
        if name not in self._regex:
            entries = self._lexicon(name, seen)
            parts = sorted(
                {self.entry_regex(e, (*seen, name)) for e in entries}, key=len, reverse=True
            )
            self._regex[name] = "(?:" + "|".join(parts) + ")" if parts else "(?!)"
        return self._regex[name]

    def entry_regex(self, entry: tuple[str, ...], seen: tuple[str, ...] = ()) -> str:
        out = []
        for word in entry:
            if word.startswith("{"):
                out.append(self.lexicon_regex(word.strip("{}"), seen))
            elif word.endswith("*"):
                out.append(re.escape(word[:-1]) + "[^ ]* ")
            else:
                out.append(re.escape(word) + " ")
        return "".join(out)

    def entry_keys(
        self, entry: tuple[str, ...], seen: tuple[str, ...] = ()
    ) -> tuple[frozenset[str], frozenset[str]]:
        first = entry[0]
        if first.startswith("{"):
            return self.lexicon_keys(first.strip("{}"), seen)
        if first.endswith("*"):
            return frozenset(), frozenset({first[:-1]})
        return frozenset({first}), frozenset()

    def lexicon_keys(
        self, name: str, seen: tuple[str, ...] = ()
    ) -> tuple[frozenset[str], frozenset[str]]:
        if name not in self._keys:
            words: set[str] = set()
            stems: set[str] = set()
            for entry in self._lexicon(name, seen):
                more_words, more_stems = self.entry_keys(entry, (*seen, name))
                words |= more_words
                stems |= more_stems
            self._keys[name] = frozenset(words), frozenset(stems)
        return self._keys[name]

    def piece_regex(self, piece: Piece) -> str:
        if piece.kind == "gap":
            return _GAP
        if piece.kind == "sentence":
            return _SENTENCE
        if piece.kind == "lexicon":
            body = self.lexicon_regex(piece.name)
        else:
            body = "(?:" + "|".join(self.entry_regex(e) for e in piece.value) + ")"
        return f"(?:{body})?" if piece.optional else body

    def piece_keys(self, piece: Piece) -> tuple[frozenset[str], frozenset[str]]:
        if piece.kind == "lexicon":
            return self.lexicon_keys(piece.name)
        words: set[str] = set()
        stems: set[str] = set()
        for entry in piece.value:
            more_words, more_stems = self.entry_keys(entry)
            words |= more_words
            stems |= more_stems
        return frozenset(words), frozenset(stems)

    def compile(self, rule: Rule) -> Compiled:
        regex = "(?<= )" + "".join(self.piece_regex(piece) for piece in rule.pieces)
        required = [p for p in rule.pieces if not p.optional and p.kind not in ("gap", "sentence")]
        keyed = [self.piece_keys(piece) for piece in required]
        # Key on the rarest-looking required piece: few words, and short words are common ones.
        words, stems = min(keyed, key=lambda k: sum(1 + 30 * (len(w) <= 3) for w in k[0] | k[1]))
        lexicons = self.data.lexicons
        negation = tuple(lexicons.get(NEGATION, []))
        softeners = tuple(lexicons.get(SOFTENERS, []))
        stories = tuple(lexicons.get(STORIES, []))
        reassurance = tuple(lexicons.get(REASSURANCE, []))
        return Compiled(
            rule, re.compile(regex), words, stems, negation, softeners, stories, reassurance
        )

    def _entries(self) -> list[tuple[str, ...]]:
        entries = [e for lexicon in self.data.lexicons.values() for e in lexicon]
        for rule in [*self.data.patterns, *self.data.exceptions]:
            for piece in rule.pieces:
                entries.extend(piece.value)
        return entries

    def vocabulary(self) -> set[str]:
        """Every plain word the data holds: the words misspellings are corrected towards."""
        found: set[str] = set()
        for entry in self._entries():
            found.update(w for w in entry if not w.startswith("{") and not w.endswith("*"))
        return found

    def stems(self) -> set[str]:
        """Every `word*` stem the data holds: a word starting so is read as it is, never
        "corrected" ("slapping" is slap*, not one letter from "snapping")."""
        return {w[:-1] for entry in self._entries() for w in entry if w.endswith("*")}


def compile_language(
    data: LanguageData, path: Path
) -> tuple[list[Compiled], list[Compiled], set[str], set[str]]:
    """Its patterns, its exceptions, its vocabulary and its stems."""
    language = _Language(data, path)
    patterns = [language.compile(rule) for rule in data.patterns]
    exceptions = [language.compile(rule) for rule in data.exceptions]
    return patterns, exceptions, language.vocabulary(), language.stems()


def read_word_list(path: Path) -> set[str]:
    """A plain list of words (near_misses.txt): one or more a line, commas between."""
    if not path.is_file():
        return set()
    words: set[str] = set()
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        for part in line.split(","):
            folded = normalise(part)
            if len(folded) != 1 or folded[0] == BREAK:
                if part.strip():
                    raise DataError(path, number, f"{part.strip()!r} is not one word")
                continue
            words.add(folded[0])
    return words
