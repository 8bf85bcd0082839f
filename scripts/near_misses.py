"""Write data/<lang>/near_misses.txt: dictionary words one letter off a word in the data.

Kith reads "sucidal" as "suicidal"; it must not read "taped" as "raped" or "putting" as
"cutting". Given a plain word list (one word a line, e.g. Debian's wbritish at
/usr/share/dict/british-english), this lists every ordinary word that the correction would
otherwise change, so it is read as it is. Deterministic: same data and dictionary, same file.

    .venv/bin/python scripts/near_misses.py en /usr/share/dict/british-english
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models.safeguarding.recognition.data_files import DATA_DIR
from models.safeguarding.recognition.matching import FUZZY_FROM, Recogniser
from models.safeguarding.recognition.normalising import normalise

HEADER = """\
# Ordinary words one letter off a word in this language's data files. Kith never "corrects"
# these (so "taped" is not read as "raped"). Made by scripts/near_misses.py from a dictionary;
# add a word by hand if Kith misreads it, and rerun the script after adding long words.
"""


def main() -> None:
    language, dictionary = sys.argv[1], Path(sys.argv[2])
    target = DATA_DIR / language / "near_misses.txt"
    if target.exists():
        target.unlink()  # the words must be judged without the old list
    engine = Recogniser()
    words = set()
    for raw in dictionary.read_text(encoding="utf-8").splitlines():
        if "'" in raw:
            continue  # possessives: the plain word is in the list too
        folded = normalise(raw.strip())
        if len(folded) == 1 and folded[0].isalpha() and len(folded[0]) >= FUZZY_FROM:
            words.add(folded[0])
    near = sorted(w for w in words if w not in engine.vocabulary and engine.correct(w) != w)
    lines = [", ".join(near[i : i + 10]) for i in range(0, len(near), 10)]
    target.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{target}: {len(near)} words")


if __name__ == "__main__":
    main()
