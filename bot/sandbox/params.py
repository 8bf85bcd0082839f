"""Method parameters as the Bot API declares them, and reading them from a request.

Each method the sandbox serves declares the parameters it models, with the types written as
the specification writes them ("Integer", "Array of MessageEntity"…). The faithfulness test
compares these declarations with the Telegram Bot API specification. Telegram accepts query
strings, form bodies (non-string values JSON-encoded), JSON bodies and multipart uploads;
so does the sandbox. Parameters it does not model are ignored, as Telegram ignores unknown ones.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.sandbox.errors import bad_request

if TYPE_CHECKING:
    from bot.sandbox.world import BotWorld


@dataclass(frozen=True)
class Upload:
    """A file sent in a multipart body."""

    content: bytes
    filename: str
    content_type: str


@dataclass(frozen=True)
class Param:
    name: str
    types: tuple[str, ...]
    required: bool = False
    # Telegram's wording when a required parameter is missing.
    missing: str | None = None


Handler = Callable[["BotWorld", dict[str, Any]], Awaitable[Any]]


@dataclass(frozen=True)
class Method:
    name: str
    params: tuple[Param, ...]
    handler: Handler
    returns: tuple[str, ...]  # the spec's return types, e.g. ("Message", "Boolean")
    sends: bool = False  # counts against the sending limits


def read_params(method: Method, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Coerce the declared parameters from a request; 400 on a missing or malformed one."""
    values: dict[str, Any] = {}
    for param in method.params:
        value = raw.get(param.name)
        if value is None or value == "":
            if param.required:
                raise bad_request(param.missing or f"{param.name} is empty")
            continue
        values[param.name] = _coerce(param, value, raw)
    return values


def _coerce(param: Param, value: Any, raw: Mapping[str, Any]) -> Any:
    if isinstance(value, Upload):
        if "InputFile" in param.types:
            return value
        raise bad_request(f"can't parse {param.name}: unexpected file")
    errors: list[str] = []
    for kind in param.types:
        try:
            return _as(kind, value, raw)
        except (TypeError, ValueError) as exc:
            errors.append(str(exc))
    raise bad_request(f"invalid {param.name} specified")


def _as(kind: str, value: Any, raw: Mapping[str, Any]) -> Any:
    if kind == "Integer":
        if isinstance(value, bool):
            raise TypeError("boolean is not an integer")
        if isinstance(value, int):
            return value
        if isinstance(value, str) and value.lstrip("-").isdigit():
            return int(value)
        raise ValueError("not an integer")
    if kind == "Float":
        return float(value)
    if kind == "Boolean":
        if isinstance(value, bool):
            return value
        if str(value).lower() in ("true", "1"):
            return True
        if str(value).lower() in ("false", "0"):
            return False
        raise ValueError("not a boolean")
    if kind == "String":
        if isinstance(value, str):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        raise TypeError("not a string")
    if kind == "InputFile":
        if isinstance(value, str) and value.startswith("attach://"):
            attached = raw.get(value.removeprefix("attach://"))
            if isinstance(attached, Upload):
                return attached
        raise TypeError("not a file")
    # Objects and arrays arrive JSON-encoded in form bodies, as themselves in JSON bodies.
    decoded = json.loads(value) if isinstance(value, str) else value
    if kind.startswith("Array of"):
        if not isinstance(decoded, list):
            raise TypeError("not an array")
        return decoded
    if not isinstance(decoded, dict):
        raise TypeError("not an object")
    return decoded


def param(name: str, *types: str, required: bool = False, missing: str | None = None) -> Param:
    return Param(name, types, required, missing)
