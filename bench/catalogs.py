"""How long reading a translation costs: each .po compiled in memory at first use (no .mo).

Times, for every catalog in texts/locale (or, with none shipped yet, a stand-in for each of
the twelve languages built from the English ids), parsing the .po, checking placeholders and
compiling it to gettext's form; and the first `available_languages()` of a process, which
reads them all once. Goal: a language's first message costs under 50 ms, and a process's
first look at every language under half a second.

    .venv/bin/python bench/catalogs.py [--runs 20]
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import statistics
import tempfile
import time

from bench.results import machine, report
from tests.support.catalogs import stand_in, write_catalog
from texts import coverage
from texts.catalog_files import read_catalog_file
from texts.coverage import catalog_path, language_states
from texts.languages import DEFAULT_LANGUAGE, LANGUAGES


def _locale_dir(scratch: Path) -> Path:
    shipped = [c for c in LANGUAGES if c != DEFAULT_LANGUAGE and catalog_path(c).is_file()]
    if shipped:
        return coverage.LOCALE_DIR
    for code in LANGUAGES:
        if code != DEFAULT_LANGUAGE:
            write_catalog(scratch, code, stand_in(code))
    return scratch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as scratch:
        locale_dir = _locale_dir(Path(scratch))
        print(f"machine: {machine()}; catalogs from {locale_dir}")
        per_language = []
        for code in LANGUAGES:
            path = catalog_path(code, locale_dir)
            if code == DEFAULT_LANGUAGE or not path.is_file():
                continue
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                read_catalog_file(path).translations()
                times.append(time.perf_counter() - start)
            per_language.append(statistics.median(times) * 1000)
            print(f"{code:<6} {per_language[-1]:.1f} ms to read, check and compile")
        everything = []
        for _ in range(max(runs // 4, 1)):
            start = time.perf_counter()
            language_states(locale_dir)
            everything.append(time.perf_counter() - start)
    report("catalog_first_use_ms_worst", max(per_language), "ms", "<", 50)
    report("every_language_read_ms", statistics.median(everything) * 1000, "ms", "<", 500)


if __name__ == "__main__":
    main()
