"""Catalogs for tests: .po files written as a translator would, into a test's own locale folder.

`write_catalog` writes one language's .po with Kith's header fields. `every_language_complete`
points the catalog at a folder where every language is complete: the shipped translation
where it is complete, and otherwise a generated stand-in ("[ti] Hi {name}"), so a story
about a Tigrinya check-in runs the real mechanism whatever the state of the translations.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from texts import catalog, coverage
from texts.coverage import STAFF_TEXTS, YOUNG_PEOPLE_TEXTS, catalog_path, message_ids
from texts.languages import DEFAULT_LANGUAGE, LANGUAGES


def quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def write_catalog(
    locale_dir: Path,
    code: str,
    translations: dict[str, str],
    *,
    translator: str = "A test translator",
    reviewed: str = "no",
    fuzzy: Iterable[str] = (),
) -> Path:
    path = catalog_path(code, locale_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    header = (
        f"Language: {LANGUAGES[code].catalog}\\n"
        "MIME-Version: 1.0\\n"
        "Content-Type: text/plain; charset=UTF-8\\n"
        "Content-Transfer-Encoding: 8bit\\n"
        f"X-Kith-Translator: {translator}\\n"
        f"X-Kith-Reviewed: {reviewed}\\n"
    )
    lines = ['msgid ""', 'msgstr ""', f'"{header}"', ""]
    fuzzy_ids = set(fuzzy)
    for message_id, text in translations.items():
        if message_id in fuzzy_ids:
            lines.append("#, fuzzy")
        lines += [f"msgid {quoted(message_id)}", f"msgstr {quoted(text)}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def stand_in(code: str) -> dict[str, str]:
    """Every text, marked with its language, placeholders intact ("{label}" stays itself)."""
    every = [*message_ids(YOUNG_PEOPLE_TEXTS), *message_ids(STAFF_TEXTS)]
    return {
        message: message if message.startswith("{") else f"[{code}] {message}" for message in every
    }


def use_locale_dir(monkeypatch: pytest.MonkeyPatch, locale_dir: Path) -> None:
    monkeypatch.setattr(coverage, "LOCALE_DIR", locale_dir)
    catalog.translations_for.cache_clear()


@pytest.fixture
def every_language_complete(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    locale_dir = tmp_path / "locale"
    for code in LANGUAGES:
        if code == DEFAULT_LANGUAGE:
            continue
        if coverage.language_state(code).complete:
            target = catalog_path(code, locale_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(catalog_path(code), target)
        else:
            write_catalog(locale_dir, code, stand_in(code), translator="Kith's tests")
    use_locale_dir(monkeypatch, locale_dir)
    yield locale_dir
    catalog.translations_for.cache_clear()
