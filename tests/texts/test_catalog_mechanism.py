"""How a translation is read: compiled from its .po, checked, and never able to break a chat."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.support.catalogs import stand_in, use_locale_dir, write_catalog
from texts import chat as texts
from texts.catalog import available_languages, t
from texts.coverage import PACKAGE_DIR, language_state, language_states
from texts.languages import LANGUAGES, language_for
from texts.values import ISOLATE_END, ISOLATE_START


@pytest.fixture
def locale_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "locale"
    use_locale_dir(monkeypatch, folder)
    return folder


def test_a_welsh_catalog_written_by_a_translator_is_spoken_at_once(locale_dir: Path) -> None:
    welsh = stand_in("cy") | {texts.WELCOME_BACK: "Helo {name}, braf dy weld di eto!"}
    write_catalog(
        locale_dir, "cy", welsh, translator="Cyngor Sir", reviewed="yes by Siân, 2026-11-30"
    )
    assert t("cy", texts.WELCOME_BACK, name="Sam") == "Helo Sam, braf dy weld di eto!"
    state = language_state("cy")
    assert state.complete and state.reviewed_by == "Siân, 2026-11-30"
    assert state.translator == "Cyngor Sir"
    assert "cy" in available_languages()
    # Nothing compiled was written beside the .po.
    assert sorted(p.name for p in locale_dir.rglob("*")) == ["LC_MESSAGES", "cy", "kith.po"]


def test_a_changed_placeholder_leaves_that_text_in_english_and_the_catalog_incomplete(
    locale_dir: Path,
) -> None:
    broken = stand_in("pl") | {
        texts.WELCOME_BACK: "Cześć {imie}!",
        texts.REFERRED: "Dziękuję, {name}! {council}",
        texts.TOLD_LATER: "Wysłane! {when",
    }
    write_catalog(locale_dir, "pl", broken)
    assert (
        t("pl", texts.WELCOME_BACK, name="Sam")
        == "Hi Sam, good to see you again! Send /help to see what I can do."
    )
    assert t("pl", texts.TOLD_LATER, when="jutro").startswith("Sent!")
    state = language_state("pl")
    assert set(state.broken) == {texts.WELCOME_BACK, texts.REFERRED, texts.TOLD_LATER}
    assert not state.complete and "pl" not in available_languages()


def test_a_missing_or_fuzzy_text_counts_against_completeness(locale_dir: Path) -> None:
    partial = stand_in("uk")
    del partial[texts.HELP]
    write_catalog(locale_dir, "uk", partial, fuzzy=[texts.BTN_YES], reviewed="no")
    state = language_state("uk")
    assert set(state.missing) == {texts.HELP, texts.BTN_YES}
    assert state.translated == state.total - 2 and state.reviewed_by is None
    assert t("uk", texts.BTN_YES) == "Yes"


def test_with_no_catalogs_only_english_is_offered_and_every_language_is_listed(
    locale_dir: Path,
) -> None:
    assert available_languages() == ["en"]
    states = language_states()
    assert [s.code for s in states] == list(LANGUAGES)
    assert states[0].complete and all(not s.complete for s in states[1:])


def test_the_language_a_telegram_app_reports_is_understood() -> None:
    assert language_for("ar-SA") == "ar"
    assert language_for("fa-IR") == "fa"
    assert language_for("uk-UA") == "uk"
    assert language_for("en-GB") == "en"
    assert language_for("fa-AF") == language_for("FA_af") == language_for("prs") == "fa-AF"
    assert language_for("ckb-IQ") == language_for("ku-Arab-IQ") == "ckb"
    assert language_for("ti-ER") == "ti"
    # Kurmanji (plain "ku") is not Sorani; Portuguese is not ours: both get English.
    assert language_for("ku") is None
    assert language_for("pt-BR") is None
    assert language_for("") is None and language_for(None) is None
    assert language_for("<script>") is None


def test_numbers_are_written_the_languages_way_and_names_of_another_script_are_isolated(
    locale_dir: Path,
) -> None:
    for code in ("ar", "pl"):
        write_catalog(locale_dir, code, stand_in(code))
    assert t("pl", texts.MY_DATA_PEOPLE, count=1250) == "[pl] People in your circle: 1\xa0250"
    assert t("en", texts.MY_DATA_PEOPLE, count=1250) == "People in your circle: 1,250"
    shown = t("ar", texts.WELCOME_BACK, name="Sam")
    assert f"{ISOLATE_START}Sam{ISOLATE_END}" in shown
    assert (
        t("ar", texts.WELCOME_BACK, name="سامر")
        == "[ar] Hi سامر, good to see you again! Send /help to see what I can do."
    )
    assert f"{ISOLATE_START}محمد{ISOLATE_END}" in t("en", texts.WELCOME_BACK, name="محمد")
    assert t("en", texts.WELCOME_BACK, name="Sam") == (
        "Hi Sam, good to see you again! Send /help to see what I can do."
    )


def test_no_compiled_catalog_is_committed() -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "*.mo"], cwd=PACKAGE_DIR, capture_output=True, text=True, check=True
    )
    assert tracked.stdout == ""
