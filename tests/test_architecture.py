"""The house's walls, checked from the imports: the domain knows no adapter, adapters don't
know each other, the Telegram stand-in and the text catalog know nothing of Kith."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KITH = {"models", "texts", "bot", "api", "scheduler", "workspace", "kith"}
ADAPTERS = {"bot", "api", "scheduler", "workspace"}


def imports_of(path: Path) -> set[str]:
    """Every absolute module a file imports, top-level or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def forbidden(package: str) -> set[str]:
    """What code under `package` (a dotted path inside the project) may not import."""
    top = package.split(".")[0]
    if package == "bot.sandbox":
        return KITH
    if top == "models":
        return KITH - {"models", "texts"}
    if top == "texts":
        return KITH - {"texts"}
    if top in ADAPTERS:
        return (ADAPTERS - {top}) | {"kith"}
    return set()


def violations(root: Path = ROOT) -> list[str]:
    found = []
    for top in sorted(KITH):
        for path in sorted((root / top).rglob("*.py")):
            relative = path.relative_to(root)
            in_sandbox = relative.parts[:2] == ("bot", "sandbox")
            package = "bot.sandbox" if in_sandbox else top
            refused = forbidden(package)
            for module in sorted(imports_of(path)):
                first = module.split(".")[0]
                inside_sandbox = package == "bot.sandbox" and module.startswith("bot.sandbox")
                if first in refused and not inside_sandbox:
                    found.append(f"{relative} imports {module}")
    return found


def test_the_packages_keep_their_walls() -> None:
    assert violations() == []


def test_a_planted_forbidden_import_is_caught(tmp_path: Path) -> None:
    for top in KITH:
        (tmp_path / top).mkdir()
    (tmp_path / "models" / "leaky.py").write_text("from bot.chat import joined_young_person\n")
    (tmp_path / "api" / "reach.py").write_text("def f():\n    import scheduler.jobs\n")
    (tmp_path / "bot" / "sandbox").mkdir()
    (tmp_path / "bot" / "sandbox" / "clock.py").write_text("from models.core import clock\n")
    assert violations(tmp_path) == [
        "api/reach.py imports scheduler.jobs",
        "bot/sandbox/clock.py imports models.core",
        "models/leaky.py imports bot.chat",
    ]


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_block(node: ast.stmt) -> list[ast.stmt]:
    if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
        return node.body
    return []


def loaded_at_import(path: Path) -> set[str]:
    """What a module names at its top: its top-level imports and those under
    `if TYPE_CHECKING:` (a circle hidden from the interpreter is still one in the design),
    not those inside functions; `from a import b` counts `a.b` too."""
    found: set[str] = set()
    tree = ast.parse(path.read_text(), str(path))
    for node in [n for top in tree.body for n in [top, *_type_checking_block(top)]]:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def import_circles(root: Path = ROOT) -> list[list[str]]:
    """Every set of modules that import each other, round in a circle, at import time."""
    graph: dict[str, set[str]] = {}
    for top in sorted(KITH):
        for path in sorted((root / top).rglob("*.py")):
            graph[module_name(path, root)] = loaded_at_import(path)
    for name in graph:
        graph[name] = {m for m in graph[name] if m in graph and m != name}
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(name: str) -> None:  # Tarjan's strongly connected components
        order[name] = low[name] = len(order)
        stack.append(name)
        for other in sorted(graph[name]):
            if other not in order:
                visit(other)
                low[name] = min(low[name], low[other])
            elif other in stack:
                low[name] = min(low[name], order[other])
        if low[name] == order[name]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == name:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for name in sorted(graph):
        if name not in order:
            visit(name)
    return circles


def test_no_modules_import_each_other_in_a_circle() -> None:
    assert import_circles() == []


def test_a_planted_import_circle_is_caught(tmp_path: Path) -> None:
    for top in KITH:
        (tmp_path / top).mkdir()
    (tmp_path / "kith" / "system.py").write_text("from kith.scheduling import build\n")
    (tmp_path / "kith" / "scheduling.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from kith.system import System\n"
    )
    assert import_circles(tmp_path) == [["kith.scheduling", "kith.system"]]


MOST_LINES = 300


def long_files(root: Path = ROOT) -> list[str]:
    """Source files past 300 lines (they usually hold two ideas); migrations are history."""
    found = []
    for top in sorted(KITH | {"tests", "bench", "migrations"}):
        for path in sorted((root / top).rglob("*.py")):
            relative = path.relative_to(root)
            if relative.parts[:2] == ("migrations", "versions"):
                continue
            lines = len(path.read_text().splitlines())
            if lines > MOST_LINES:
                found.append(f"{relative}: {lines} lines")
    return found


def test_no_source_file_is_over_300_lines() -> None:
    assert long_files() == []
