"""Reading one message against every language's compiled data: correct, mask, match, rank."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from models.safeguarding.recognition.compiling import Compiled, compile_language, read_word_list
from models.safeguarding.recognition.corpus import net_examples
from models.safeguarding.recognition.data_files import (
    DATA_DIR,
    LanguageData,
    languages,
    read_language,
)
from models.safeguarding.recognition.learning import (
    GATE,
    GATE_FROM,
    GATE_WORDS,
    THRESHOLD,
    Net,
    sentence_features,
)
from models.safeguarding.recognition.normalising import BREAK, MASK, normalise, squeezed
from models.safeguarding.recognition.spelling import Spellings, deletions, one_edit, read_spellings

# Misspellings are corrected only in words this long (and only by one letter).
FUZZY_FROM = 5
# A word with its ending made whole is also corrected by one letter only when this long
# ("threatnin" is "threatening"; "robin" is never "robbing").
LONG_ENDING = 8
# Ethiopic (Tigrinya, Amharic) writes a whole syllable a letter, so one letter off is another
# word, often another person of the same verb: እመታለሁ "I hit" is one letter from እመኛለሁ
# "I wish", ሃዲመ "I fled" from ሃዲሙ "he fled". Its words are read as written, never corrected.
_SYLLABIC = re.compile("[\u1200-\u139f\u2d80-\u2ddf\uab00-\uab2f]")
# A "not" this many words before a match, or inside one of its gaps, turns it down one tier.
NEGATION_REACH = 3
_RANK = {"clear": 2, "possible": 1}


@dataclass(frozen=True)
class Hit:
    tier: str
    category: str
    language: str
    source: str
    where: str  # "en/patterns.txt:12", or "learned" for the safety net
    position: int


def _holds(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    """True when one of `phrases` stands, word for word, somewhere in `words`."""
    present = set(words)
    for phrase in phrases:
        if phrase[0] not in present or not present.issuperset(phrase):
            continue
        size = len(phrase)
        if any(
            tuple(words[i : i + size]) == phrase
            for i, word in enumerate(words)
            if word == phrase[0]
        ):
            return True
    return False


def _sentence(tokens: list[str], at: int) -> list[str]:
    """The words of the sentence that holds tokens[at]."""
    start = at
    while start > 0 and tokens[start - 1] != BREAK:
        start -= 1
    end = at
    while end < len(tokens) and tokens[end] != BREAK:
        end += 1
    return tokens[start:end]


class Recogniser:
    """All languages' patterns and exceptions, with the words they are made of."""

    def __init__(self, data_dir: Path = DATA_DIR) -> None:
        self.patterns: list[Compiled] = []
        self.exceptions: list[Compiled] = []
        self.vocabulary: set[str] = set()
        self.ordinary: set[str] = set()
        self.stems: set[str] = set()
        self.spellings = Spellings()
        read: list[LanguageData] = []
        for directory in languages(data_dir):
            read.append(read_language(directory))
            patterns, exceptions, vocabulary, stems = compile_language(read[-1], directory)
            self.stems |= stems
            self.patterns += patterns
            self.exceptions += exceptions
            self.vocabulary |= vocabulary
            self.ordinary |= read_word_list(directory / "near_misses.txt")
            self.spellings.update(read_spellings(directory))
        # Young people mix English into every language: its "not" counts for every pattern.
        english = next((c for c in self.patterns if c.rule.language == "en"), None)
        if english is not None:
            self.patterns = [
                replace(
                    c,
                    negation=tuple(dict.fromkeys((*c.negation, *english.negation))),
                    softeners=tuple(dict.fromkeys((*c.softeners, *english.softeners))),
                    stories=tuple(dict.fromkeys((*c.stories, *english.stories))),
                    reassurance=tuple(dict.fromkeys((*c.reassurance, *english.reassurance))),
                )
                for c in self.patterns
            ]
        self._index_words: dict[str, list[int]] = defaultdict(list)
        self._index_stems: dict[str, list[int]] = defaultdict(list)
        for number, compiled in enumerate([*self.exceptions, *self.patterns]):
            for word in compiled.words:
                self._index_words[word].append(number)
            for stem in compiled.stems:
                self._index_stems[stem].append(number)
        self._stem_lengths = sorted({len(stem) for stem in self._index_stems})
        self._every_stem_length = sorted({len(stem) for stem in self.stems})
        self._squeezed: dict[str, str] = {}
        for word in sorted(self.vocabulary):
            self._squeezed.setdefault(squeezed(word), word)
        self._long = {w for w in self.vocabulary if len(w) >= FUZZY_FROM and w.isalpha()}
        self._deleted: dict[str, set[str]] = defaultdict(set)
        for word in self._long:
            for shorter in deletions(word):
                self._deleted[shorter].add(word)
        self._corrected: dict[str, str] = {}
        # The net's settings, here so that bench/danger.py --net-check can try others.
        self.threshold, self.gate, self.gate_words = THRESHOLD, GATE, GATE_WORDS
        # One net per language: each language's words weighed against its own corpus.
        self.nets = {
            language: Net(examples, self._read)
            for language, examples in net_examples(read, data_dir / "corpus").items()
        }

    def _asked(self, language: str, read: list[list[str]], words: int) -> bool:
        """Whether a possible match of `language` is still asked about once its net weighed
        the message (`read`, its sentences' features; `words`, how many it has)."""
        net = self.nets.get(language)
        if net is None or sum(net.size) < GATE_FROM or words < self.gate_words:
            return True
        score = net.score(read)
        return score is None or score.value > self.gate

    def _fuzzy(self, token: str) -> str | None:
        found = set(self._deleted.get(token, ()))
        for shorter in deletions(token):
            if shorter in self._long:
                found.add(shorter)
            found |= self._deleted.get(shorter, set())
        close = sorted(
            (w for w in found if one_edit(token, w)),
            key=lambda w: (w[0] != token[0], len(w) != len(token), w),
        )
        return close[0] if close else None

    def correct(self, token: str) -> str:
        """The data's own spelling of `token` when it is a near miss of one; else `token`."""
        known = self._corrected.get(token)
        if known is not None:
            return known
        fixed = token
        unknown = token not in self.vocabulary and token not in self.ordinary
        if token in self.spellings.words:
            fixed = self.spellings.words[token]
        elif unknown and token.isalpha():
            short = squeezed(token)
            ending = self._ending(token)
            if ending is not None:
                fixed = ending
            elif short in self._squeezed:
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

    def _ending(self, token: str) -> str | None:
        """`token` with a text-speak ending made whole ("scard" is "scared"), when that is a
        word the data knows or one letter off one; else None."""
        for typed, meant in self.spellings.endings:
            if token.endswith(typed) and len(token) - len(typed) >= 2:
                whole = token[: len(token) - len(typed)] + meant
                if whole in self.vocabulary or self._has_stem(whole):
                    return whole
                if len(whole) >= LONG_ENDING and (near := self._fuzzy(whole)) is not None:
                    return near
        return None

    def _has_stem(self, token: str) -> bool:
        return any(token[:n] in self.stems for n in self._every_stem_length if n <= len(token))

    def _candidates(self, tokens: list[str]) -> list[int]:
        found: set[int] = set()
        for token in set(tokens):
            found.update(self._index_words.get(token, ()))
            for n in self._stem_lengths:
                if n > len(token):
                    break
                found.update(self._index_stems.get(token[:n], ()))
        return sorted(found)

    def _read(self, text: str) -> list[str]:
        """The words of `text`, corrected, with what an exception matched masked."""
        tokens = [word for token in normalise(text) for word in self.correct(token).split(" ")]
        line = " " + " ".join(tokens) + " "
        for number in self._candidates(tokens):
            if number >= len(self.exceptions):
                break
            for match in self.exceptions[number].regex.finditer(line):
                start = line.count(" ", 0, match.start()) - 1
                for i in range(start, start + match.group().count(" ")):
                    tokens[i] = MASK
        return tokens

    def hits(self, text: str) -> list[Hit]:
        """Every pattern that matches `text` after exceptions, with its tier after negation;
        when none does, the learned net's possible reading if its score is high enough."""
        tokens = self._read(text)
        if not tokens:
            return []
        split = len(self.exceptions)
        line = " " + " ".join(tokens) + " "
        candidates = [n for n in self._candidates(tokens) if n >= split]
        found = []
        # Sentences a "not" and a settling word put to rest ("i havent self harmed in a
        # year"): the net does not ask about them again. A plain "not" it may still overrule.
        settled_sentences: set[int] = set()
        for number in candidates:
            compiled = self.patterns[number - split]
            full = _RANK[compiled.rule.tier]
            best: tuple[int, int] | None = None
            for match in compiled.regex.finditer(line):
                start = line.count(" ", 0, match.start()) - 1
                # The words before it, and its own first word when a "not" of several words
                # ends there ("used to" before "to self harm"); never a "not" inside it alone.
                before = tokens[max(0, start - NEGATION_REACH) : start]
                if BREAK in before:
                    before = before[len(before) - before[::-1].index(BREAK) :]
                if before and start < len(tokens):
                    across = [*before[-1:], tokens[start]]
                    if any(phrase == tuple(across) for phrase in compiled.negation):
                        before = [*before, tokens[start]]
                gaps = [gap.split() for gap in match.groups() if gap]
                negated = any(_holds(part, compiled.negation) for part in [before, *gaps])
                sentence = _sentence(tokens, start)
                # "im not suicidal dont worry": a "not" made a settled fact goes down once more.
                settled = negated and _holds(sentence, compiled.reassurance)
                rank = full - negated - settled - _holds(sentence, compiled.stories)
                if settled:
                    settled_sentences.add(tokens[:start].count(BREAK))
                if rank == 2 and _holds(sentence, compiled.softeners):
                    rank = 1  # "kms lol", "i got shot in fortnite": asked about, not alarmed on
                if rank > 0 and (best is None or rank > best[0]):
                    best = (rank, start)
                if rank == full:
                    break
            if best is not None:
                rule = compiled.rule
                tier = "clear" if best[0] == 2 else "possible"
                where = f"{rule.language}/patterns.txt:{rule.line}"
                found.append(Hit(tier, rule.category, rule.language, rule.source, where, best[1]))
        if any(hit.tier == "clear" for hit in found):
            return found
        read = sentence_features(tokens, frozenset(settled_sentences))
        if found:
            # A weak cue among words its language's net reads as the corpus's safe lines (a
            # knife in a kitchen, a film about running away) is not asked about; only a net
            # that learned from enough messages may overrule a pattern (learning.GATE).
            size = sum(token not in (BREAK, MASK) for token in tokens)
            asked = {h.language: self._asked(h.language, read, size) for h in found}
            return [hit for hit in found if asked[hit.language]]
        scores = [net.score(read) for net in self.nets.values()]
        score = max((s for s in scores if s is not None), key=lambda s: s.value, default=None)
        if score is not None and score.value > self.threshold:
            words = ", ".join(repr(w) for w in score.words)
            source = f"score {score.value:.1f} from {words}"
            found.append(Hit("possible", score.category, "", source, "learned", 0))
        return found
