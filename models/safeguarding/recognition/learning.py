"""The learned safety net: word weights counted from the labelled corpus, for the possible tier.

Patterns catch what someone thought to write down; young people say things nobody did. So a
message no pattern matched is also scored by how much its words and word pairs lean towards
the danger lines of the corpus rather than the safe ones (naive Bayes, counted afresh from the
data files each time Kith starts: no stored model, nothing downloaded, nothing random). A
high score only ever asks the gentle question, never raises the alarm on its own.

The net also weighs a weak cue: when only possible patterns match, a message long enough to
judge whose words lean to the safe lines ("my carer let me use the big knife to chop veg") is
not asked about. A clear match is never weighed. Across the corpus's batches this halves the
questions on safe lines from writers the net has not read, for a fraction of a point of recall.

Counted from: every corpus line marked `tune` (never `heldout`, which stays a fair test),
every pattern `example:` as danger, and every `not:` line and exception example as safe.
`bench/danger.py --weights` prints the words that weigh most, for the lead to read.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import pairwise

from models.safeguarding.recognition.data_files import CATEGORIES
from models.safeguarding.recognition.normalising import BREAK, MASK

# Chosen on batches 15-22 of the corpus as their writers wrote them, before any pattern was
# improved for their misses, each batch read by a net learned from the others (writers nobody
# had read): above 6 the net loses recall fast (8: 1.7 points fewer found), and a gate of 1-2
# cut the questions on safe lines from 14.3% to 8-9% for 0.2-0.3 points of recall.
# `bench/danger.py --net-check` shows the same trade on every tune batch as they are now; its
# recall flatters a higher threshold, because the patterns have since learned those batches.
# A message no pattern matched is asked about when its score is above THRESHOLD; a possible
# pattern match (never a clear one) is asked about only when the score is above GATE.
THRESHOLD = 6.0
GATE = 1.0
# Only a net that learned from this many messages may overrule a pattern: one learned from a
# few hundred lines knows too few of its language's safe sayings to say a cue is one.
GATE_FROM = 1000
# ... and only in a message of at least this many words: a few words ("help me", "unsafe",
# "i need help now") are too few to read as a safe saying, so they are always asked about.
GATE_WORDS = 6
_SMOOTHING = 0.5


def sentences(tokens: list[str], skip: frozenset[int] = frozenset()) -> list[list[str]]:
    """The words of each sentence; `skip` names sentences (0 the first) left out."""
    found: list[list[str]] = [[]]
    for token in tokens:
        if token == BREAK:
            found.append([])
        elif token != MASK:
            found[-1].append(token)
    return [sentence for n, sentence in enumerate(found) if sentence and n not in skip]


def features(sentence: list[str]) -> list[str]:
    """Its words and its pairs of neighbouring words, sorted (sums come out the same)."""
    pairs = [f"{a} {b}" for a, b in pairwise(sentence)]
    return sorted({*sentence, *pairs})


def sentence_features(tokens: list[str], skip: frozenset[int] = frozenset()) -> list[list[str]]:
    return [features(sentence) for sentence in sentences(tokens, skip)]


@dataclass(frozen=True)
class Score:
    value: float
    category: str
    words: tuple[str, ...]  # the features that weighed most, for the cue


class Net:
    """Word weights from labelled messages: log odds of danger over safe for each feature."""

    def __init__(
        self, examples: Iterable[tuple[str, str, str]], tokens: Callable[[str], list[str]]
    ) -> None:
        """`examples` are (label, category, text); `tokens` reads a text as the patterns do."""
        danger: Counter[str] = Counter()
        safe: Counter[str] = Counter()
        by_category: dict[str, Counter[str]] = {c: Counter() for c in CATEGORIES}
        counts: Counter[str] = Counter()
        self._tokens = tokens
        for label, category, text in examples:
            seen = {f for sentence in sentences(tokens(text)) for f in features(sentence)}
            counts[label] += 1
            if label == "danger":
                danger.update(seen)
                by_category[category].update(seen)
                counts[category] += 1
            else:
                safe.update(seen)
        self.size = (counts["danger"], counts["safe"])
        n_danger, n_safe = max(counts["danger"], 1), max(counts["safe"], 1)
        self.prior = math.log(n_danger / n_safe)
        self.weights = {
            f: math.log((danger[f] + _SMOOTHING) / (n_danger + 1))
            - math.log((safe[f] + _SMOOTHING) / (n_safe + 1))
            for f in sorted(set(danger) | set(safe))
        }
        self._category = {
            c: {f: math.log((n + _SMOOTHING) / (counts[c] + 1)) for f, n in words.items()}
            for c, words in by_category.items()
        }
        self._unseen = {c: math.log(_SMOOTHING / (counts[c] + 1)) for c in CATEGORIES}

    def score(self, read: list[list[str]]) -> Score | None:
        """The most worrying sentence's score, or None when no word in it was ever seen.

        `read` is each sentence's features (`sentence_features`), worked out once for all nets.
        """
        best: tuple[float, list[str]] | None = None
        for sentence in read:
            known = [f for f in sentence if f in self.weights]
            if not known:
                continue
            value = self.prior + sum(self.weights[f] for f in known)
            if best is None or value > best[0]:
                best = (value, known)
        if best is None:
            return None
        value, known = best
        category = max(
            CATEGORIES,
            key=lambda c: sum(self._category[c].get(f, self._unseen[c]) for f in known),
        )
        heaviest = sorted(known, key=lambda f: -self.weights[f])[:4]
        return Score(value, category, tuple(heaviest))
