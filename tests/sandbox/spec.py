"""The Telegram Bot API 10.0 specification, kept in the repository as data (bot_api_spec/:
MIT-licensed, its licence and README beside it), and a checker that says where a JSON value
departs from a type the specification defines."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

SPEC_PATH = Path(__file__).resolve().parent / "bot_api_spec" / "api.min.json"


@cache
def spec() -> dict[str, Any]:
    return json.loads(SPEC_PATH.read_text(encoding="utf-8"))


def problems(value: Any, types: list[str] | tuple[str, ...], path: str = "$") -> list[str]:
    """Empty when `value` is one of `types`; else what is wrong (for the closest type)."""
    found: list[str] | None = None
    for kind in types:
        wrong = _problems(value, kind, path)
        if not wrong:
            return []
        if found is None or len(wrong) < len(found):
            found = wrong
    return found or [f"{path}: no type given"]


def _problems(value: Any, kind: str, path: str) -> list[str]:
    if kind.startswith("Array of "):
        if not isinstance(value, list):
            return [f"{path}: expected {kind}, got {type(value).__name__}"]
        return [
            p for i, item in enumerate(value) for p in problems(item, [kind[9:]], f"{path}[{i}]")
        ]
    simple = {
        "Integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "Float": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
        "String": lambda v: isinstance(v, str),
        "Boolean": lambda v: isinstance(v, bool),
        "True": lambda v: v is True,
    }
    if kind in simple:
        return [] if simple[kind](value) else [f"{path}: expected {kind}, got {value!r}"]
    definition = spec()["types"].get(kind)
    if definition is None:
        return [f"{path}: {kind} is not a type in the specification"]
    if "subtypes" in definition:
        return problems(value, definition["subtypes"], path)
    if not isinstance(value, dict):
        return [f"{path}: expected {kind} object, got {value!r}"]
    fields = {f["name"]: f for f in definition.get("fields", [])}
    wrong = [f"{path}.{key}: not a field of {kind}" for key in value if key not in fields]
    for name, field in fields.items():
        if name not in value:
            if field["required"]:
                wrong.append(f"{path}.{name}: required in {kind}, missing")
            continue
        wrong.extend(problems(value[name], field["types"], f"{path}.{name}"))
    if kind.startswith("ChatMember") and "status" in value:
        # ChatMember subtypes differ only by their fixed status.
        expected = {
            "ChatMemberMember": "member",
            "ChatMemberBanned": "kicked",
            "ChatMemberLeft": "left",
            "ChatMemberOwner": "creator",
            "ChatMemberAdministrator": "administrator",
            "ChatMemberRestricted": "restricted",
        }.get(kind)
        if expected and value["status"] != expected:
            wrong.append(f"{path}.status: {kind} has status {expected}")
    return wrong
