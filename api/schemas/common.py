"""Shared building blocks: strict request models, bounded text, sensible moments, ids."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
)

from models.staff import passwords

MAX_ID = 2**53 - 1  # safe in every JSON client and in a 64-bit column


def _clean(value: str) -> str:
    """Text a database and an encryptor can hold: no NUL, no lone surrogates."""
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("must be valid Unicode text") from exc
    return value


# Dates and moments are ISO 8601 strings only (never numbers, which a parser would read as
# seconds since 1970), in a range every database and every conversion to UTC can hold.
_YEAR = "(19[7-9][0-9]|2[01][0-9]{2})"
_MONTH_DAY = "-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
MOMENT_PATTERN = (
    f"^{_YEAR}{_MONTH_DAY}[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{{1,6}})?"
    "([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"
)
DAY_PATTERN = f"^(19[0-9]{{2}}|2[01][0-9]{{2}}){_MONTH_DAY}$"
MOMENT_RULE = "an ISO 8601 date and time with its offset, from 1970 to 2199 (2026-03-02T10:00:00Z)"
DAY_RULE = "an ISO 8601 date from 1900 to 2199 (2026-03-02)"


def _moment_text(value: object) -> object:
    if isinstance(value, datetime) or (
        isinstance(value, str) and re.fullmatch(MOMENT_PATTERN, value)
    ):
        return value
    raise ValueError(f"must be {MOMENT_RULE}")


def _sensible_moment(value: datetime) -> datetime:
    if not 1970 <= value.year <= 2199:
        raise ValueError(f"must be {MOMENT_RULE}")
    return value


def _day_text(value: object) -> object:
    if (isinstance(value, date) and not isinstance(value, datetime)) or (
        isinstance(value, str) and re.fullmatch(DAY_PATTERN, value)
    ):
        return value
    raise ValueError(f"must be {DAY_RULE}")


def _sensible_day(value: date) -> date:
    if not 1900 <= value.year <= 2199:
        raise ValueError(f"must be {DAY_RULE}")
    return value


def plain_id(value: object) -> object:
    """1, never 1.0, +1, 0001 or true: an id (or a count) in a path or a query is written
    one way only."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and re.fullmatch(r"0|[1-9][0-9]{0,15}", value):
        return int(value)
    raise ValueError(
        "must be a whole number from 1, written plainly (no sign, point or zeros first)"
    )


def text(max_length: int, min_length: int = 1) -> Any:
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length),
        AfterValidator(_clean),
    ]


Name = text(100)
Label = text(40)
ShortText = text(200)
LongText = text(4000)
# Length as documented; the whole rule (common passwords, the email's name) is
# models.staff.passwords', checked where the account is made or reset.
Password = Annotated[
    str,
    StringConstraints(min_length=passwords.MIN_LENGTH, max_length=passwords.MAX_LENGTH),
    AfterValidator(_clean),
]
Moment = Annotated[
    AwareDatetime,
    BeforeValidator(_moment_text),
    AfterValidator(_sensible_moment),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date-time",
            "pattern": MOMENT_PATTERN,
            "description": MOMENT_RULE,
            "examples": ["2026-03-02T10:00:00Z"],
        }
    ),
]
Day = Annotated[
    date,
    BeforeValidator(_day_text),
    AfterValidator(_sensible_day),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "pattern": DAY_PATTERN,
            "description": DAY_RULE,
            "examples": ["2026-03-02"],
        }
    ),
]
# true or false, never 0, 1 or "yes" (which a lax parser would read as one).
Flag = Annotated[bool, Field(strict=True)]
# In a JSON body an id is a JSON integer (never a string, a float or a boolean)...
Id = Annotated[int, Field(ge=1, le=MAX_ID, strict=True)]
# ...and in a path or a query, where everything is text, plain digits.
# (The bounds come before the validator, or the document would lose them.)
PlainId = Annotated[int, Field(ge=1, le=MAX_ID), BeforeValidator(plain_id)]


class Strict(BaseModel):
    """A request body: unknown fields are refused, not ignored."""

    model_config = ConfigDict(extra="forbid")


class Read(BaseModel):
    model_config = ConfigDict(from_attributes=True)


def example(**values: Any) -> ConfigDict:
    return ConfigDict(extra="forbid", json_schema_extra={"examples": [values]})


def read_example(**values: Any) -> ConfigDict:
    return ConfigDict(from_attributes=True, json_schema_extra={"examples": [values]})


def _clock_time(value: object) -> object:
    """ "21:00" → 21:00 local wall-clock time (no seconds, no zone: it is the person's own)."""
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    if isinstance(value, str) and _HH_MM.fullmatch(value):
        return time(int(value[:2]), int(value[3:]))
    raise ValueError("must be a wall-clock time like 21:00")


_HH_MM = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
ClockTime = Annotated[
    time,
    BeforeValidator(_clock_time),
    PlainSerializer(lambda value: value.strftime("%H:%M"), return_type=str, when_used="json"),
    WithJsonSchema(
        {"type": "string", "pattern": "^([01]\\d|2[0-3]):[0-5]\\d$", "examples": ["21:00"]}
    ),
]
