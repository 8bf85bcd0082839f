"""The report as JSON (exact, for the manager's own screen) and as CSV (published, suppressed).

The CSV is one tidy table: one row per figure and category, the same columns on every row,
so returns from several periods or councils can be stacked and pasted as they are.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from models.reports.definitions import DEFINITIONS, NOT_FOR_PUBLICATION, SUPPRESSION_NOTE
from models.reports.figures import Figure, ProgrammeReport
from models.reports.suppression import show

CSV_COLUMNS = [
    "organisation",
    "period_from",
    "period_to",
    "section",
    "figure",
    "category",
    "value",
    "unit",
    "percent",
    "base",
]


def _exact(figure: Figure) -> dict[str, Any]:
    return {
        "value": figure.value,
        "unit": figure.unit.value,
        "base": figure.base,
        "percent": figure.percent,
    }


def to_json(report: ProgrammeReport) -> dict[str, Any]:
    """Exact figures, grouped section → figure (→ category), marked not for publication."""
    sections: dict[str, dict[str, Any]] = {}
    for figure in report.figures:
        figures = sections.setdefault(figure.section, {})
        if figure.category:
            figures.setdefault(figure.figure, {})[figure.category] = _exact(figure)
        else:
            figures[figure.figure] = _exact(figure)
    return {
        "not_for_publication": True,
        "notice": NOT_FOR_PUBLICATION,
        "organisation": report.organisation,
        "organisation_slug": report.organisation_slug,
        "period": {
            "from": report.period.first.isoformat(),
            "to": report.period.last.isoformat(),
            "timezone": report.period.timezone,
        },
        "generated_at": report.generated_at.isoformat(),
        "sections": sections,
        "definitions": DEFINITIONS,
        "suppression_in_exports": SUPPRESSION_NOTE,
    }


def _cell(text: str) -> str:
    """Text a spreadsheet will not run as a formula (names and genders are typed by people)."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_rows(report: ProgrammeReport) -> list[dict[str, str]]:
    """The published rows: small numbers suppressed."""
    rows = []
    for figure in report.figures:
        shown = show(figure)
        rows.append(
            {
                "organisation": _cell(report.organisation),
                "period_from": report.period.first.isoformat(),
                "period_to": report.period.last.isoformat(),
                "section": figure.section,
                "figure": figure.figure,
                "category": _cell(figure.category),
                "value": shown.value,
                "unit": figure.unit.value,
                "percent": shown.percent,
                "base": shown.base,
            }
        )
    return rows


def to_csv(report: ProgrammeReport) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(csv_rows(report))
    return buffer.getvalue()
