"""How complete each language is, and who made and reviewed it: what `kith languages` shows.

The English message ids are found the way `pybabel extract -k N_` finds them, in the files
of this package. A language is complete when every text a young person reads (the chat and
the unasked messages) has a translation with its {placeholders} intact; the coordinators'
texts (nudges, digests) are counted apart, because they are written in the organisation's
language, which must have them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.messages.extract import extract_from_file

from texts.catalog_files import CatalogFile, read_catalog_file
from texts.languages import DEFAULT_LANGUAGE, LANGUAGES, Language, catalog_code

PACKAGE_DIR = Path(__file__).parent
LOCALE_DIR = PACKAGE_DIR / "locale"
DOMAIN = "kith"
YOUNG_PEOPLE_TEXTS = ("chat.py", "unasked.py", "safety.py")
STAFF_TEXTS = ("staff.py",)


@cache
def message_ids(files: tuple[str, ...]) -> tuple[str, ...]:
    """Every N_-marked English text in these files of the package, in order, once each."""
    found: dict[str, None] = {}
    for name in files:
        path = PACKAGE_DIR / name
        if not path.is_file():
            continue
        for _, message, _, _ in extract_from_file("python", str(path), keywords={"N_": None}):
            if isinstance(message, str):
                found[message] = None
    return tuple(found)


def catalog_path(code: str, locale_dir: Path | None = None) -> Path:
    """Where a language's .po lives (in `LOCALE_DIR` unless told: tests use their own)."""
    folder = LOCALE_DIR if locale_dir is None else locale_dir
    return folder / catalog_code(code) / "LC_MESSAGES" / f"{DOMAIN}.po"


@dataclass(frozen=True)
class LanguageState:
    language: Language
    file: CatalogFile | None
    # Young people's texts: how many there are, and which are missing or broken here.
    total: int
    missing: tuple[str, ...]
    broken: tuple[str, ...]
    staff_missing: tuple[str, ...]

    @property
    def code(self) -> str:
        return self.language.code

    @property
    def translated(self) -> int:
        return self.total - len(self.missing)

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def staff_complete(self) -> bool:
        return not self.staff_missing

    @property
    def translator(self) -> str:
        if self.file is not None:
            return self.file.translator
        return "the Kith team (the source)" if self.code == DEFAULT_LANGUAGE else "no catalog yet"

    @property
    def reviewed_by(self) -> str | None:
        if self.file is not None:
            return self.file.reviewed_by
        return "the Kith team" if self.code == DEFAULT_LANGUAGE else None


def language_state(code: str, locale_dir: Path | None = None) -> LanguageState:
    language = LANGUAGES[code]
    young = message_ids(YOUNG_PEOPLE_TEXTS)
    staff = message_ids(STAFF_TEXTS)
    if code == DEFAULT_LANGUAGE:
        return LanguageState(language, None, len(young), (), (), ())
    path = catalog_path(code, locale_dir)
    if not path.is_file():
        return LanguageState(language, None, len(young), young, (), staff)
    file = read_catalog_file(path)
    return LanguageState(
        language,
        file,
        len(young),
        tuple(file.missing(young)),
        tuple(m for m in file.broken if m in young),
        tuple(file.missing(staff)),
    )


def language_states(locale_dir: Path | None = None) -> list[LanguageState]:
    """Every language Kith knows, English first, in the order of `LANGUAGES`."""
    return [language_state(code, locale_dir) for code in LANGUAGES]


def complete_languages() -> tuple[str, ...]:
    """The languages a young person can be offered: English and every complete catalog."""
    return _complete_in(LOCALE_DIR)


@cache
def _complete_in(locale_dir: Path) -> tuple[str, ...]:
    return tuple(state.code for state in language_states(locale_dir) if state.complete)
