"""The labelled messages the benchmark and the tests read: data/corpus/<lang>.tsv.

One message a line, four columns separated by tabs: label, category, split, text. A header
line starting "label" and lines starting "#" are skipped; each run of "#" lines starts a new
batch (the lines written together, often by one writer), which cross-validation keeps whole.
The split is fixed when a line is written and never moved: nothing is tuned on "heldout".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from models.safeguarding.recognition.data_files import CATEGORIES, DATA_DIR, DataError, LanguageData

CORPUS_DIR = DATA_DIR / "corpus"
LABELS = ("danger", "safe")
SPLITS = ("tune", "heldout")
# The kinds of safe message (news about strangers counts as a false_friend).
SAFE_KINDS = ("idiom", "false_friend", "everyday", "safe_statement")


@dataclass(frozen=True)
class Example:
    language: str
    line: int
    label: str
    category: str
    split: str
    text: str
    batch: int = 0  # 0 before the first "#" line, then one more at each run of "#" lines


def read_corpus(path: Path) -> list[Example]:
    """Every example in one corpus file; a malformed line is refused with its number."""
    examples = []
    seen: dict[str, int] = {}
    batch, in_comment = 0, False
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if raw.startswith("#"):
            batch += not in_comment
            in_comment = True
            continue
        in_comment = False
        if not raw.strip() or raw.startswith("label\t"):
            continue
        fields = raw.split("\t")
        if len(fields) != 4:
            raise DataError(
                path, number, f"{len(fields)} columns, not 4 (label, category, split, text)"
            )
        label, category, split, text = fields
        if label not in LABELS:
            raise DataError(path, number, f"label {label!r} is not danger or safe")
        if label == "danger" and category not in CATEGORIES:
            raise DataError(path, number, f"category {category!r} is not one of the eight")
        if label == "safe" and category not in SAFE_KINDS:
            raise DataError(
                path, number, f"{category!r} is not a kind of safe message: {SAFE_KINDS}"
            )
        if split not in SPLITS:
            raise DataError(path, number, f"split {split!r} is not tune or heldout")
        if not text.strip() or text != text.strip():
            raise DataError(path, number, "the text is empty or has spaces at its ends")
        if text in seen:
            raise DataError(path, number, f"the same text as line {seen[text]}")
        seen[text] = number
        examples.append(Example(path.stem, number, label, category, split, text, batch))
    return examples


def corpus_files(corpus_dir: Path = CORPUS_DIR) -> list[Path]:
    return sorted(corpus_dir.glob("*.tsv")) if corpus_dir.is_dir() else []


def rule_examples(data: LanguageData) -> list[tuple[str, str, str]]:
    """What a language's patterns and exceptions say must and must not be caught, as
    (label, category, text): every `example:` as danger, every `not:` and exception as safe."""
    found = []
    for rule in data.patterns:
        found += [("danger", rule.category, text) for text in rule.examples]
        found += [("safe", "", text) for text in rule.counter_examples]
    for rule in data.exceptions:
        found += [("safe", "", text) for text in rule.examples]
    return found


def net_examples(read: list[LanguageData], corpus: Path) -> dict[str, list[tuple[str, str, str]]]:
    """What each language's net learns from: its tune lines, its pattern examples, and what
    must stay quiet."""
    found: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for path in corpus_files(corpus):
        for row in read_corpus(path):
            if row.split == "tune":
                found[path.stem].append((row.label, row.category, row.text))
    for data in read:
        found[data.language] += rule_examples(data)
    return {language: examples for language, examples in found.items() if examples}
