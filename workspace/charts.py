"""The wellbeing chart as an SVG drawn here: points 1-5 over time, with a table beside it for
screen readers and anyone who prefers numbers (the chart is hidden from assistive tech)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

WIDTH, HEIGHT, PAD = 600, 200, 30


@dataclass(frozen=True)
class Chart:
    points: str  # the polyline's points
    dots: list[tuple[float, float, int]]
    rows: list[tuple[datetime, int]]
    width: int = WIDTH
    height: int = HEIGHT
    pad: int = PAD

    def y_of(self, level: int) -> float:
        return HEIGHT - PAD - (level - 1) * (HEIGHT - 2 * PAD) / 4


def wellbeing_chart(answers: Sequence[tuple[datetime, int]]) -> Chart | None:
    if not answers:
        return None
    rows = sorted(answers)
    first, last = rows[0][0], rows[-1][0]
    span = max((last - first).total_seconds(), 1.0)
    dots = []
    for at, level in rows:
        x = PAD + (WIDTH - 2 * PAD) * (
            (at - first).total_seconds() / span if len(rows) > 1 else 0.5
        )
        y = HEIGHT - PAD - (level - 1) * (HEIGHT - 2 * PAD) / 4
        dots.append((round(x, 1), round(y, 1), level))
    points = " ".join(f"{x},{y}" for x, y, _ in dots)
    return Chart(points=points, dots=dots, rows=rows)
