"""Text-speak read as the words it stands for: `<lang>/spellings.txt`, data the lead can read.

Two kinds of line. `tonight: 2nite, tonite` reads each spelling after the colon as the word(s)
before it, whatever else the data holds. `-ed: -d` reads a word ending as typed ("scard",
"jumpd") with the other ending ("scared", "jumped"), but only when that makes a word the data
knows (or one letter off one), so ordinary words are never changed. Both sides are folded the
way messages are (normalising.py), so "sum1" is written as it is typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from models.safeguarding.recognition.data_files import DataError
from models.safeguarding.recognition.normalising import BREAK, normalise

FILE = "spellings.txt"


@dataclass
class Spellings:
    words: dict[str, str] = field(default_factory=dict)  # as typed -> the words, space-joined
    endings: list[tuple[str, str]] = field(default_factory=list)  # (as typed, as meant)

    def update(self, other: Spellings) -> None:
        for typed, meant in other.words.items():
            self.words.setdefault(typed, meant)
        self.endings += [e for e in other.endings if e not in self.endings]


def _one_word(path: Path, number: int, text: str) -> str:
    folded = normalise(text)
    if len(folded) != 1 or folded[0] == BREAK:
        raise DataError(path, number, f"{text.strip()!r} is not one word as typed")
    return folded[0]


def read_spellings(directory: Path) -> Spellings:
    """One language's spellings; a missing file is none."""
    path = directory / FILE
    found = Spellings()
    if not path.is_file():
        return found
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        meant, colon, typed = line.partition(":")
        if not colon or not typed.strip() or not meant.strip():
            raise DataError(path, number, "write 'word: spelling, spelling' or '-ending: -ending'")
        if meant.strip().startswith("-"):
            real = meant.strip()[1:]
            for part in typed.split(","):
                if not part.strip().startswith("-") or not real.isalpha():
                    raise DataError(path, number, "an ending line is '-ed: -d' (letters only)")
                found.endings.append((part.strip()[1:], real))
            continue
        words = normalise(meant)
        if not words or BREAK in words:
            raise DataError(path, number, f"{meant.strip()!r} is not words")
        for part in typed.split(","):
            if part.strip():
                found.words[_one_word(path, number, part)] = " ".join(words)
    return found


def one_edit(a: str, b: str) -> bool:
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


def deletions(word: str) -> set[str]:
    """Every word one letter shorter than `word`."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}
