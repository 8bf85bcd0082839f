"""`kith languages`: each language's completeness, who translated it and who reviewed it.

A council reads this before offering a language: a complete catalog is offered to young
people by default; "reviewed: no" means no fluent speaker has checked it yet.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from texts.coverage import LanguageState, language_states


def _row(state: LanguageState) -> dict[str, object]:
    return {
        "code": state.code,
        "language": state.language.english,
        "name": state.language.name,
        "translated": state.translated,
        "total": state.total,
        "complete": state.complete,
        "broken_placeholders": list(state.broken),
        "staff_texts_complete": state.staff_complete,
        "translator": state.translator,
        "reviewed_by": state.reviewed_by,
    }


def _line(state: LanguageState) -> str:
    percent = 100 * state.translated // max(state.total, 1)
    done = "complete" if state.complete else f"{percent}% ({state.translated}/{state.total})"
    if state.file is None and state.code != "en":
        return f"{state.code:<6} {state.language.english:<15} no catalog yet"
    reviewed = f"yes by {state.reviewed_by}" if state.reviewed_by else "no"
    staff = "" if state.staff_complete else "; nudge texts incomplete"
    return (
        f"{state.code:<6} {state.language.english:<15} {done:<16} reviewed: {reviewed}; "
        f"translated by {state.translator}{staff}"
    )


def languages(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    missing: Annotated[
        bool, typer.Option("--missing", help="List each language's missing or broken texts")
    ] = False,
) -> None:
    """The languages Kith speaks: completeness, translator and review state."""
    states = language_states()
    if as_json:
        typer.echo(json.dumps([_row(s) for s in states], ensure_ascii=False, indent=2))
        return
    for state in states:
        typer.echo(_line(state))
        if missing:
            for message in state.missing:
                why = "placeholders changed" if message in state.broken else "missing"
                typer.echo(f"         {why}: {message[:70]!r}")
