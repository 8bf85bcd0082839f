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
