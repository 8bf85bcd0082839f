"""Consents: one per purpose, from the young person and, under 16, parental responsibility."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from api.schemas.common import LongText, Moment, Name, Read, example
from models.core.enums import ConsentGivenBy, ConsentKind


class ConsentCreate(BaseModel):
    model_config = example(
        kind="tracing",
        given_by="parental_responsibility",
        given_by_name="Ms Jones (social worker, for the council)",
    )

    kind: ConsentKind
    given_by: ConsentGivenBy
    given_by_name: Name | None = None
    given_at: Moment | None = None


class ConsentWithdraw(BaseModel):
    model_config = example(reason="Sam wants to pause the search for now")

    reason: LongText


class ConsentRead(Read):
    id: int
    young_person_id: int
    kind: ConsentKind
    given_by: ConsentGivenBy
    given_by_name: str | None
    given_at: datetime
    withdrawn_at: datetime | None
    withdrawn_reason: str | None


class ConsentPage(BaseModel):
    items: list[ConsentRead]
    parental_responsibility_needed: bool
    missing_for_search: list[str]
    missing_for_invite: list[str]
