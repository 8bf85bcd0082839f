"""How well danger is recognised: recall, false alarms and time, per language, on the corpus.

Reads every models/safeguarding/data/corpus/<lang>.tsv (or one, with --language), on its
held-out part by default (nothing is tuned on it). For each language: recall in each of the
eight categories and overall (a message counts as recognised when either tier fires; the
clear share is shown beside it), the share of safe messages each tier fires on, and the time
`recognise` takes per message (every language's data is checked for every message).
Goals (issue 13): recall >= 97% overall and >= 93% in every category; clear false alarms
<= 3%; possible-danger questions on <= 8% of safe messages; p99 < 2 ms a message.

    .venv/bin/python bench/danger.py [--split tune|heldout|all] [--language en] [--misses]
    .venv/bin/python bench/danger.py --weights en      # the learned net's heaviest words
    .venv/bin/python bench/danger.py --net-check       # its settings, batch by batch
    .venv/bin/python bench/danger.py --split tune --without-net --misses   # what to improve
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import statistics
import time
from collections import defaultdict

from bench.net_check import net_check, weights
from bench.results import machine, report
from models.safeguarding.recognition import CATEGORIES, Reading, Tier, recognise, recogniser
from models.safeguarding.recognition.corpus import Example, corpus_files, read_corpus

RUNS = 5


def _timed(examples: list[Example]) -> tuple[dict[int, Reading | None], list[float]]:
    readings: dict[int, Reading | None] = {}
    times = []
    for example in examples:
        best = float("inf")
        for _ in range(RUNS):
            start = time.perf_counter()
            readings[example.line] = recognise(example.text)
            best = min(best, time.perf_counter() - start)
        times.append(best * 1000)
    return readings, times


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def _language(language: str, examples: list[Example], misses: bool) -> dict[str, float]:
    readings, times = _timed(examples)
    danger = [e for e in examples if e.label == "danger"]
    safe = [e for e in examples if e.label == "safe"]
    print(f"\n{language}: {len(danger)} danger, {len(safe)} safe")
    per_category: dict[str, list[Example]] = defaultdict(list)
    for example in danger:
        per_category[example.category].append(example)
    worst = 1.0
    for category in CATEGORIES:
        rows = per_category.get(category, [])
        if not rows:
            print(f"  {category:<14} no messages")
            continue
        found = sum(readings[e.line] is not None for e in rows)
        clear = sum(getattr(readings[e.line], "tier", None) == Tier.clear for e in rows)
        worst = min(worst, found / len(rows))
        print(
            f"  {category:<14} recall {found / len(rows):6.1%} ({found}/{len(rows)}),"
            f" clear {clear / len(rows):6.1%}"
        )
    found = sum(readings[e.line] is not None for e in danger)
    recall = found / len(danger) if danger else 0.0
    clear_alarms = sum(getattr(readings[e.line], "tier", None) == Tier.clear for e in safe)
    questions = sum(getattr(readings[e.line], "tier", None) == Tier.possible for e in safe)
    print(f"  overall        recall {recall:6.1%} ({found}/{len(danger)})")
    if safe:
        print(f"  safe: clear alarms {clear_alarms / len(safe):.1%} ({clear_alarms}/{len(safe)}),")
        print(f"        possible questions {questions / len(safe):.1%} ({questions}/{len(safe)})")
    print(f"  time: p50 {_percentile(times, 0.5):.3f} ms, p99 {_percentile(times, 0.99):.3f} ms")
    if misses:
        for example in danger:
            if readings[example.line] is None:
                print(f"  MISSED {example.category:<14} {example.line:>4}  {example.text}")
        for example in safe:
            reading = readings[example.line]
            if reading is not None:
                print(f"  FIRED  {reading.tier:<8} {example.line:>4}  {example.text}")
                print(f"         <- {reading.cue}")
    return {
        "recall": recall,
        "worst_category": worst if danger else 0.0,
        "clear_alarms": clear_alarms / len(safe) if safe else 0.0,
        "questions": questions / len(safe) if safe else 0.0,
        "p50": _percentile(times, 0.5),
        "p99": _percentile(times, 0.99),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", choices=["tune", "heldout", "all"], default="heldout")
    parser.add_argument("--language", help="one corpus, e.g. en (default: every one)")
    parser.add_argument("--misses", action="store_true", help="list misses and false alarms")
    parser.add_argument("--weights", metavar="LANG", help="print the learned net's words")
    parser.add_argument("--net-check", action="store_true", help="cross-validate the net")
    parser.add_argument(
        "--without-net",
        action="store_true",
        help="patterns alone (the net has learned the tune lines, so it hides their misses)",
    )
    args = parser.parse_args()
    if args.weights:
        weights(args.weights)
        return
    if args.net_check:
        net_check()
        return
    start = time.perf_counter()
    if args.without_net:
        recogniser().nets.clear()
    print(f"machine: {machine()}")
    took = time.perf_counter() - start
    print(f"split: {args.split}; every language's data compiled in {took:.2f} s")
    results = {}
    for path in corpus_files():
        if args.language and path.stem != args.language:
            continue
        examples = [e for e in read_corpus(path) if args.split in ("all", e.split)]
        if examples:
            results[path.stem] = _language(path.stem, examples, args.misses)
    print()
    for language, figures in results.items():
        report(f"danger_{language}_recall", figures["recall"] * 100, "%", ">=", 97)
        report(
            f"danger_{language}_worst_category_recall",
            figures["worst_category"] * 100,
            "%",
            ">=",
            93,
        )
        report(f"danger_{language}_clear_false_alarms", figures["clear_alarms"] * 100, "%", "<=", 3)
        report(f"danger_{language}_possible_questions", figures["questions"] * 100, "%", "<=", 8)
    if results:
        report("danger_p50_ms", statistics.median(f["p50"] for f in results.values()), "ms", "<", 2)
        report("danger_p99_ms", max(f["p99"] for f in results.values()), "ms", "<", 2)


if __name__ == "__main__":
    main()
