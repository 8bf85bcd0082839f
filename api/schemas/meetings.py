"""Meetings (planning, conference, review) and the commitments of the conference plan."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from api.schemas.checkins import CheckInRead
from api.schemas.common import Day, Id, LongText, Moment, Name, Read, example
from models.core.enums import CommitmentWho, Frequency, MeetingKind


class MeetingCreate(BaseModel):
    model_config = example(
        kind="conference",
        scheduled_at="2026-04-20T10:00:00Z",
        attendees=["Sam", "Nan", "Uncle Dev"],
    )

    kind: MeetingKind
    scheduled_at: Moment
    attendees: list[Name] = Field(default_factory=list, max_length=60)
    notes: LongText | None = None


class MeetingUpdate(BaseModel):
    model_config = example(scheduled_at="2026-04-22T10:00:00Z")

    scheduled_at: Moment | None = None
    attendees: list[Name] | None = Field(default=None, max_length=60)
    notes: LongText | None = None


class MeetingHeldCreate(BaseModel):
    model_config = example(attendees=["Sam", "Nan", "Uncle Dev", "Coordinator"])

    held_at: Moment | None = Field(default=None, description="Defaults to now")
    attendees: list[Name] | None = Field(default=None, max_length=60)


class MeetingRead(Read):
    id: int
    young_person_id: int
    kind: MeetingKind
    scheduled_at: datetime
    held_at: datetime | None
    cancelled_at: datetime | None
    attendees: list[str]
    notes: str | None


class MeetingPage(BaseModel):
    items: list[MeetingRead]


class MeetingHeldRead(BaseModel):
    meeting: MeetingRead
    check_ins: list[CheckInRead] = Field(description="Created when a conference is held")


class CommitmentCreate(BaseModel):
    model_config = example(
        who="connection", connection_id=1, what="Sunday phone call", frequency="weekly"
    )

    who: CommitmentWho
    connection_id: Id | None = None
    what: LongText
    frequency: Frequency
    until: Day | None = None


class CommitmentRead(Read):
    id: int
    meeting_id: int
    young_person_id: int
    who: CommitmentWho
    connection_id: int | None
    what: str
    frequency: Frequency
    until: date | None
    created_at: datetime


class CommitmentPage(BaseModel):
    items: list[CommitmentRead]
