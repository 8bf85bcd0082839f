"""Reading one message against every language's compiled data: correct, mask, match, rank."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from models.safeguarding.recognition.compiling import Compiled, compile_language, read_word_list
from models.safeguarding.recognition.data_files import DATA_DIR, languages, read_language
from models.safeguarding.recognition.normalising import BREAK, MASK, normalise, squeezed

# Misspellings are corrected only in words this long (and only by one letter).
FUZZY_FROM = 5
# Ethiopic (Tigrinya, Amharic) writes a whole syllable a letter, so one letter off is another
# word, often another person of the same verb: እመታለሁ "I hit" is one letter from እመኛለሁ
# "I wish", ሃዲመ "I fled" from ሃዲሙ "he fled". Its words are read as written, never corrected.
_SYLLABIC = re.compile("[\u1200-\u139f\u2d80-\u2ddf\uab00-\uab2f]")
# A "not" this many words before a match turns it down one tier.
NEGATION_REACH = 2
_RANK = {"clear": 2, "possible": 1}


@dataclass(frozen=True)
class Hit:
    tier: str
    category: str
    language: str
    source: str
    line: int
    position: int


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one letter added, dropped, changed, or two swapped."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class Recogniser:
    """All languages' patterns and exceptions, with the words they are made of."""

    def __init__(self, data_dir: Path = DATA_DIR) -> None:
        self.patterns: list[Compiled] = []
        self.exceptions: list[Compiled] = []
        self.vocabulary: set[str] = set()
        self.ordinary: set[str] = set()
        for directory in languages(data_dir):
            patterns, exceptions, vocabulary = compile_language(read_language(directory), directory)
            self.patterns += patterns
            self.exceptions += exceptions
            self.vocabulary |= vocabulary
            self.ordinary |= read_word_list(directory / "near_misses.txt")
        self._index_words: dict[str, list[int]] = defaultdict(list)
        self._index_stems: dict[str, list[int]] = defaultdict(list)
        for number, compiled in enumerate([*self.exceptions, *self.patterns]):
            for word in compiled.words:
                self._index_words[word].append(number)
            for stem in compiled.stems:
                self._index_stems[stem].append(number)
        self._stem_lengths = sorted({len(stem) for stem in self._index_stems})
        self._squeezed: dict[str, str] = {}
        for word in sorted(self.vocabulary):
            self._squeezed.setdefault(squeezed(word), word)
        self._long = {w for w in self.vocabulary if len(w) >= FUZZY_FROM and w.isalpha()}
        self._deleted: dict[str, set[str]] = defaultdict(set)
        for word in self._long:
            for shorter in _deletions(word):
                self._deleted[shorter].add(word)
        self._corrected: dict[str, str] = {}

    def _fuzzy(self, token: str) -> str | None:
        found = set(self._deleted.get(token, ()))
        for shorter in _deletions(token):
            if shorter in self._long:
                found.add(shorter)
            found |= self._deleted.get(shorter, set())
        close = sorted(
            (w for w in found if _one_edit(token, w)),
            key=lambda w: (w[0] != token[0], len(w) != len(token), w),
        )
        return close[0] if close else None

    def correct(self, token: str) -> str:
        """The data's own spelling of `token` when it is a near miss of one; else `token`."""
        known = self._corrected.get(token)
        if known is not None:
            return known
        fixed = token
        if token not in self.vocabulary and token not in self.ordinary and token.isalpha():
            short = squeezed(token)
            if short in self._squeezed:
                fixed = self._squeezed[short]
            elif (
                len(token) >= FUZZY_FROM
                and not self._has_stem(token)
                and not _SYLLABIC.search(token)
            ):
                fixed = (
                    self._fuzzy(token) or (self._fuzzy(short) if short != token else None) or token
                )
        if len(self._corrected) > 200_000:
            self._corrected.clear()
        self._corrected[token] = fixed
        return fixed

    def _has_stem(self, token: str) -> bool:
        return any(token[:n] in self._index_stems for n in self._stem_lengths if n <= len(token))

    def _candidates(self, tokens: list[str]) -> list[int]:
        found: set[int] = set()
        for token in set(tokens):
            found.update(self._index_words.get(token, ()))
            for n in self._stem_lengths:
                if n > len(token):
                    break
                found.update(self._index_stems.get(token[:n], ()))
        return sorted(found)

    def hits(self, text: str) -> list[Hit]:
        """Every pattern that matches `text` after exceptions, with its tier after negation."""
        tokens = [self.correct(token) for token in normalise(text)]
        if not tokens:
            return []
        candidates = self._candidates(tokens)
        split = len(self.exceptions)
        line = " " + " ".join(tokens) + " "
        masked = False
        for number in candidates:
            if number >= split:
                break
            for match in self.exceptions[number].regex.finditer(line):
                start = line.count(" ", 0, match.start()) - 1
                for i in range(start, start + match.group().count(" ")):
                    tokens[i] = MASK
                masked = True
        if masked:
            line = " " + " ".join(tokens) + " "
        found = []
        for number in candidates:
            if number < split:
                continue
            compiled = self.patterns[number - split]
            full = _RANK[compiled.rule.tier]
            best: tuple[int, int] | None = None
            for match in compiled.regex.finditer(line):
                start = line.count(" ", 0, match.start()) - 1
                gaps = " ".join(gap for gap in match.groups() if gap).split()
                negated = self._negated(tokens, start, compiled.negation) or any(
                    word in compiled.negation for word in gaps
                )
                rank = full - negated
                if rank > 0 and (best is None or rank > best[0]):
                    best = (rank, start)
                if rank == full:
                    break
            if best is not None:
                rule = compiled.rule
                tier = "clear" if best[0] == 2 else "possible"
                found.append(
                    Hit(tier, rule.category, rule.language, rule.source, rule.line, best[1])
                )
        return found

    @staticmethod
    def _negated(tokens: list[str], start: int, negation: frozenset[str]) -> int:
        for token in reversed(tokens[max(0, start - NEGATION_REACH) : start]):
            if token == BREAK:
                return 0
            if token in negation:
                return 1
        return 0
