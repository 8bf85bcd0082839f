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


def _sensible_moment(value: datetime) -> datetime:
    if not 1970 <= value.year <= 2200:
        raise ValueError("must be between the years 1970 and 2200")
    return value


def _sensible_day(value: date) -> date:
    if not 1900 <= value.year <= 2200:
        raise ValueError("must be between the years 1900 and 2200")
    return value


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
Password = Annotated[str, StringConstraints(min_length=12, max_length=200), AfterValidator(_clean)]
Moment = Annotated[AwareDatetime, AfterValidator(_sensible_moment)]
Day = Annotated[date, AfterValidator(_sensible_day)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


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
