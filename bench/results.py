"""The one summary-line format every benchmark ends with, so scripts can read it.

RESULT <metric> <value> <unit> goal <comparison> <goal-value> <ok|short>
"""

from __future__ import annotations

import operator
import os
import platform
from collections.abc import Callable

_COMPARE: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
    "==": operator.eq,
}


def result_line(metric: str, value: float, unit: str, comparison: str, goal: float) -> str:
    ok = _COMPARE[comparison](value, goal)
    shown = f"{value:.4g}" if isinstance(value, float) else str(value)
    return f"RESULT {metric} {shown} {unit} goal {comparison} {goal:g} {'ok' if ok else 'short'}"


def report(metric: str, value: float, unit: str, comparison: str, goal: float) -> bool:
    """Print one RESULT line; True when the goal is met."""
    line = result_line(metric, value, unit, comparison, goal)
    print(line, flush=True)
    return line.endswith(" ok")


def machine() -> str:
    """One line naming the machine, for docs/benchmarks.md."""
    return (
        f"{platform.node()} · {platform.machine()} · {os.cpu_count()} cores · "
        f"Python {platform.python_version()} · {platform.platform()}"
    )
