"""Connections: the people important to a young person (contact details encrypted at rest)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel

from api.schemas.common import Day, Flag, Label, LongText, Name, Read, ShortText, example
from models.core.enums import Closeness, ConnectionCategory, ConnectionStatus, NamedBy


class ConnectionCreate(BaseModel):
    model_config = example(
        name="Nan (Margaret)",
        relationship_label="grandmother",
        category="family",
        named_by="young_person",
        closeness="inner",
        in_touch=False,
        wants_contact=True,
    )

    name: Name
    relationship_label: Label
    category: ConnectionCategory
    named_by: NamedBy
    closeness: Closeness = Closeness.middle
    in_touch: Flag | None = None
    wants_contact: Flag | None = None
    birthday: Day | None = None
    contact_details: ShortText | None = None
    safety_concern: Flag = False
    safety_note: LongText | None = None
    coordinator_note: LongText | None = None


class ConnectionUpdate(BaseModel):
    model_config = example(status="located", contact_details="07700 900123")

    name: Name | None = None
    relationship_label: Label | None = None
    category: ConnectionCategory | None = None
    closeness: Closeness | None = None
    in_touch: Flag | None = None
    wants_contact: Flag | None = None
    birthday: Day | None = None
    contact_details: ShortText | None = None
    safety_concern: Flag | None = None
    safety_note: LongText | None = None
    coordinator_note: LongText | None = None
    status: ConnectionStatus | None = None
    status_reason: LongText | None = None


class ConnectionRead(Read):
    id: int
    young_person_id: int
    name: str
    relationship_label: str
    category: ConnectionCategory
    named_by: NamedBy
    closeness: Closeness
    in_touch: bool | None
    wants_contact: bool | None
    birthday: date | None
    contact_details: str | None
    safety_concern: bool
    safety_note: str | None
    coordinator_note: str | None
    status: ConnectionStatus
    status_changed_at: datetime
    allowed_moves: list[ConnectionStatus]
    created_at: datetime


class ConnectionPage(BaseModel):
    items: list[ConnectionRead]
