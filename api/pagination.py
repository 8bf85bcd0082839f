"""Cursor pagination: an opaque cursor holding the last row's sort key and id (keyset paging)."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from typing import Annotated, Any

from fastapi import Query
from pydantic import BeforeValidator, Field

from api.problems import ApiError
from api.schemas.common import plain_id
from api.text_guard import BAD

MAX_LIMIT = 200
# How many rows a page holds: plain digits, like an id.
PageLimit = Annotated[int, Field(ge=1, le=MAX_LIMIT), BeforeValidator(plain_id)]
CursorQuery = Annotated[
    str | None,
    Query(
        max_length=200,
        pattern="^[A-Za-z0-9_-]+$",
        description="The next_cursor of the page before, as given (opaque)",
    ),
]


def encode_cursor(*values: Any) -> str:
    plain = [v.isoformat() if isinstance(v, datetime) else v for v in values]
    return base64.urlsafe_b64encode(json.dumps(plain).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, kinds: tuple[type, ...]) -> list[Any]:
    """The values the cursor holds, typed as `kinds`, or a 422 naming the parameter."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
        if not isinstance(values, list) or len(values) != len(kinds):
            raise ValueError
        typed: list[Any] = []
        for kind, value in zip(kinds, values, strict=True):
            if kind is datetime:
                # A forged cursor may hold any date: outside this range, converting it to
                # UTC for the query would overflow.
                moment = datetime.fromisoformat(value)
                if moment.tzinfo is None or not 1970 <= moment.year <= 2199:
                    raise ValueError
                typed.append(moment)
            elif kind is int:
                if not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 2**53:
                    raise ValueError
                typed.append(value)
            else:
                if not isinstance(value, str) or len(value) > 100 or BAD.search(value):
                    raise ValueError
                typed.append(value)
        return typed
    except (ValueError, TypeError, OverflowError, binascii.Error, UnicodeDecodeError):
        raise ApiError(
            422, "query.cursor: not a cursor this API gave out (or from another sort)"
        ) from None
