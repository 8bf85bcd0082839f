"""The learned net, opened up: its heaviest words, and how its settings were chosen.

`weights(lang)` prints the words and word pairs that weigh most towards danger and towards
safe in that language's net. `net_check()` is leave-one-batch-out cross-validation on the
English tune lines: each batch of the corpus (the lines written together, often by one
writer) is read by a net learned from every other batch, so the figures say how the net does
on a way of writing it has not seen. For each of the net's settings, the whole recogniser's
recall and false questions on those lines (learning.THRESHOLD says how the settings in use
were chosen, and why this table's recall flatters a high threshold). Never reads the held-out
lines.
"""

from __future__ import annotations

from collections import defaultdict

from models.safeguarding.recognition import recogniser
from models.safeguarding.recognition.corpus import corpus_files, read_corpus, rule_examples
from models.safeguarding.recognition.data_files import DATA_DIR, read_language
from models.safeguarding.recognition.learning import GATE, GATE_WORDS, THRESHOLD, Net

THRESHOLDS = (5.0, 6.0, 7.0, 8.0)
GATES = (float("-inf"), -2.0, 0.0, 1.0, 2.0, 3.0)
WORDS = (6, 10)


def weights(language: str, shown: int = 40) -> None:
    net = recogniser().nets.get(language)
    if net is None:
        print(f"no net for {language!r}: no corpus or data for it")
        return
    ordered = sorted(net.weights.items(), key=lambda item: item[1])
    print(f"{language}: learned from {net.size[0]} danger and {net.size[1]} safe messages")
    print("towards danger:", ", ".join(f"{w} {v:.1f}" for w, v in ordered[::-1][:shown]))
    print("towards safe:  ", ", ".join(f"{w} {v:.1f}" for w, v in ordered[:shown]))


def net_check(language: str = "en") -> None:
    engine = recogniser()
    net_in_use = engine.nets[language]
    rows = [
        row
        for path in corpus_files()
        if path.stem == language
        for row in read_corpus(path)
        if row.split == "tune"
    ]
    # The pattern examples and counter-examples are learned from in every fold.
    always = rule_examples(read_language(DATA_DIR / language))
    settings = [(t, g, w) for t in THRESHOLDS for g in GATES for w in WORDS]
    found: dict[tuple[float, float, int], list[int]] = defaultdict(lambda: [0, 0, 0])
    batches = sorted({row.batch for row in rows})
    try:
        for batch in batches:
            learned = [(r.label, r.category, r.text) for r in rows if r.batch != batch]
            engine.nets[language] = Net([*learned, *always], engine._read)
            for row in (r for r in rows if r.batch == batch):
                for setting in settings:
                    engine.threshold, engine.gate, engine.gate_words = setting
                    tiers = {hit.tier for hit in engine.hits(row.text)}
                    counts = found[setting]
                    if row.label == "danger":
                        counts[0] += bool(tiers)
                    else:
                        counts[1] += "clear" in tiers
                        counts[2] += tiers == {"possible"}
    finally:
        engine.nets[language] = net_in_use
        engine.threshold, engine.gate, engine.gate_words = THRESHOLD, GATE, GATE_WORDS
    danger = sum(1 for row in rows if row.label == "danger")
    safe = len(rows) - danger
    print(f"{language}: {len(batches)} batches, {danger} danger and {safe} safe tune lines,")
    print("each read by a net learned from the other batches")
    print(f"settings in use: threshold {THRESHOLD}, gate {GATE} from {GATE_WORDS} words")
    print("  threshold   gate  words   recall   clear   questions")
    for setting in settings:
        recalled, clear, asked = found[setting]
        mark = " <- in use" if setting == (THRESHOLD, GATE, GATE_WORDS) else ""
        print(
            f"  {setting[0]:>9} {setting[1]:>6} {setting[2]:>6}   {recalled / danger:>6.1%}"
            f"  {clear / safe:>6.1%}  {asked / safe:>6.1%}{mark}"
        )
