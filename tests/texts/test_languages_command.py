"""`kith languages`: what a council reads before offering a language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kith.cli import app
from tests.support.catalogs import stand_in, use_locale_dir, write_catalog
from texts import chat


@pytest.fixture
def locale_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "locale"
    use_locale_dir(monkeypatch, folder)
    return folder


def test_each_language_shows_how_complete_it_is_and_who_reviewed_it(locale_dir: Path) -> None:
    write_catalog(
        locale_dir,
        "cy",
        stand_in("cy"),
        translator="Cyngor Sir",
        reviewed="yes by Siân, 2026-11-30",
    )
    polish = stand_in("pl")
    del polish[chat.HELP]
    polish[chat.WELCOME_BACK] = "Cześć {imie}!"
    write_catalog(locale_dir, "pl", polish, translator="a draft")
    shown = CliRunner().invoke(app, ["languages", "--missing"])
    assert shown.exit_code == 0, shown.output
    lines = {
        line.split()[0]: line for line in shown.output.splitlines() if not line.startswith(" ")
    }
    assert "complete" in lines["cy"] and "reviewed: yes by Siân, 2026-11-30" in lines["cy"]
    assert "Cyngor Sir" in lines["cy"]
    assert "reviewed: no" in lines["pl"] and "%" in lines["pl"]
    assert "no catalog yet" in lines["ti"]
    assert "placeholders changed: 'Hi {name}" in shown.output
    listed = json.loads(CliRunner().invoke(app, ["languages", "--json"]).output)
    welsh = next(row for row in listed if row["code"] == "cy")
    assert welsh["complete"] and welsh["reviewed_by"] == "Siân, 2026-11-30"
    assert [row["code"] for row in listed][:1] == ["en"] and len(listed) == 13
