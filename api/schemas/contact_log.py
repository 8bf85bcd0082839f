"""The detective work: a connection's contact log and its status history."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel

from api.schemas.common import Day, LongText, Read, ShortText, example
from models.core.enums import ConnectionStatus, ContactChannel, ContactOutcome


class ContactCreate(BaseModel):
    model_config = example(
        contacted_on="2026-03-01",
        channel="call",
        outcome="details_found",
        note="Her neighbour gave a new address",
        next_step="Write to the new address",
        next_step_on="2026-03-09",
    )

    contacted_on: Day
    channel: ContactChannel
    outcome: ContactOutcome
    note: LongText | None = None
    next_step: ShortText | None = None
    next_step_on: Day | None = None


class ContactRead(Read):
    id: int
    connection_id: int
    young_person_id: int
    contacted_on: date
    channel: ContactChannel
    outcome: ContactOutcome
    note: str | None
    next_step: str | None
    next_step_on: date | None
    next_step_done_at: datetime | None
    by_user_id: int | None
    by_name: str | None
    created_at: datetime


class ContactPage(BaseModel):
    items: list[ContactRead]


class StatusChangeRead(Read):
    id: int
    from_status: ConnectionStatus | None
    to_status: ConnectionStatus
    at: datetime
    by_user_id: int | None
    by_name: str | None
    reason: str | None


class StatusHistoryRead(BaseModel):
    connection_id: int
    items: list[StatusChangeRead]
