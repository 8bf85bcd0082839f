"""Check-ins after the conference: the schedule, and the young person's answers."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from api.schemas.common import Label, Moment, Read, example
from models.core.enums import CheckInState, CommitmentAnswerValue


class CheckInCreate(BaseModel):
    model_config = example(due_at="2026-05-01T16:00:00Z", label="extra")

    due_at: Moment
    label: Label = "extra"


class CheckInUpdate(BaseModel):
    model_config = example(due_at="2026-05-03T16:00:00Z")

    due_at: Moment


class CheckInAnswerRead(Read):
    commitment_id: int
    answer: CommitmentAnswerValue
    answered_at: datetime


class CheckInRead(Read):
    id: int
    young_person_id: int
    meeting_id: int | None
    label: str
    due_at: datetime
    sent_at: datetime | None
    reminded_at: datetime | None
    answered_at: datetime | None
    wellbeing: int | None
    free_text: str | None
    state: CheckInState
    answers: list[CheckInAnswerRead] = Field(default_factory=list)


class CheckInPage(BaseModel):
    items: list[CheckInRead]
