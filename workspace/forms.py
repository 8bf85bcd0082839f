"""A submitted form: what was typed (to show again) and what is wrong, field by field.

A refused form is shown again with everything typed still in it and each problem beside its
field, so nothing is lost on a refused submit.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar
from zoneinfo import ZoneInfo

from fastapi import Request

from texts.catalog import t
from texts.workspace import FIELDS

E = TypeVar("E", bound=StrEnum)
STAFF_ZONE = ZoneInfo("Europe/London")


class Form:
    def __init__(self, values: dict[str, str]) -> None:
        self.typed = values
        self.errors: dict[str, str] = {}
        # Which item on a page of many forms this one was (e.g. a nudge's id).
        self.target: int | None = None

    def error(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)

    @property
    def ok(self) -> bool:
        return not self.errors

    def text(self, name: str, *, max_length: int, required: bool = False) -> str:
        value = self.typed.get(name, "").strip()
        if required and not value:
            self.error(name, t(None, FIELDS["required"]))
        elif len(value) > max_length:
            self.error(name, t(None, FIELDS["too_long"], limit=max_length))
        return value[:max_length]

    def choice(self, name: str, kind: type[E], *, required: bool = True) -> E | None:
        value = self.typed.get(name, "")
        if not value:
            if required:
                self.error(name, t(None, FIELDS["choose"]))
            return None
        try:
            return kind(value)
        except ValueError:
            self.error(name, t(None, FIELDS["choose"]))
            return None

    def day(self, name: str, *, required: bool = False) -> date | None:
        value = self.typed.get(name, "").strip()
        if not value:
            if required:
                self.error(name, t(None, FIELDS["date_needed"]))
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.error(name, t(None, FIELDS["date_bad"]))
            return None

    def moment(self, name: str, *, required: bool = False) -> datetime | None:
        """A date and time typed in England's time (datetime-local), as an aware moment."""
        value = self.typed.get(name, "").strip()
        if not value:
            if required:
                self.error(name, t(None, FIELDS["date_needed"]))
            return None
        try:
            return datetime.fromisoformat(value).replace(tzinfo=STAFF_ZONE)
        except ValueError:
            self.error(name, t(None, FIELDS["date_bad"]))
            return None

    def number(self, name: str, *, low: int, high: int, required: bool = True) -> int | None:
        value = self.typed.get(name, "").strip()
        if not value:
            if required:
                self.error(name, t(None, FIELDS["required"]))
            return None
        try:
            number = int(value)
        except ValueError:
            self.error(name, t(None, FIELDS["number_bad"], low=low, high=high))
            return None
        if not low <= number <= high:
            self.error(name, t(None, FIELDS["number_bad"], low=low, high=high))
            return None
        return number


async def form_of(request: Request) -> Form:
    data = await request.form()
    return Form({k: str(v)[:5000] for k, v in data.items() if isinstance(v, str) and k != "csrf"})
