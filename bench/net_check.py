"""The learned net, opened up: its heaviest words, and how its threshold was chosen.

`weights(lang)` prints the words and word pairs that weigh most towards danger and towards
safe in that language's net. `net_check()` runs five-fold cross-validation on the tune lines
(train on four fifths, score the fifth): for each threshold, the share of safe messages no
pattern matched that the net would still ask about (learning.THRESHOLD says how it was
chosen). Never reads the held-out lines.
"""

from __future__ import annotations

from models.safeguarding.recognition import recogniser
from models.safeguarding.recognition.corpus import corpus_files, read_corpus
from models.safeguarding.recognition.learning import THRESHOLD, Net, sentence_features

FOLDS = 5
BUDGET = 0.025


def weights(language: str, shown: int = 40) -> None:
    net = recogniser().nets.get(language)
    if net is None:
        print(f"no net for {language!r}: no corpus or data for it")
        return
    ordered = sorted(net.weights.items(), key=lambda item: item[1])
    print(f"{language}: learned from {net.size[0]} danger and {net.size[1]} safe messages")
    print("towards danger:", ", ".join(f"{w} {v:.1f}" for w, v in ordered[::-1][:shown]))
    print("towards safe:  ", ", ".join(f"{w} {v:.1f}" for w, v in ordered[:shown]))


def net_check() -> None:
    engine = recogniser()
    rows = [row for path in corpus_files() for row in read_corpus(path) if row.split == "tune"]
    scored: list[float] = []
    for fold in range(FOLDS):
        train = [(r.label, r.category, r.text) for i, r in enumerate(rows) if i % FOLDS != fold]
        nets: dict[str, Net] = {}
        for language in sorted({r.language for r in rows}):
            mine = [t for t, r in zip(train, rows, strict=False) if r.language == language]
            nets[language] = Net(mine, engine._read)
        for i, row in enumerate(rows):
            if i % FOLDS != fold or row.label != "safe":
                continue
            tokens = engine._read(row.text)
            if any(hit.where != "learned" for hit in engine.hits(row.text)):
                continue
            score = nets[row.language].score(sentence_features(tokens))
            scored.append(score.value if score is not None else float("-inf"))
    safe = sum(1 for row in rows if row.label == "safe")
    print(f"{safe} safe tune lines; threshold in use {THRESHOLD}")
    for threshold in (3, 4, 5, 6, 7, 8, 9, 10):
        added = sum(value > threshold for value in scored) / safe
        mark = " <- budget" if added <= BUDGET else ""
        print(f"  threshold {threshold:>2}: the net asks about {added:.1%} of safe messages{mark}")
