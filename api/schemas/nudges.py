"""Nudges: what a coordinator should act on."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from api.schemas.common import Read
from models.core.enums import NudgeKind, NudgeState, Urgency


class NudgeRead(Read):
    id: int
    young_person_id: int | None
    coordinator_id: int | None
    kind: NudgeKind
    title: str
    urgency: Urgency
    state: NudgeState
    detail: str | None
    occurrences: int
    created_at: datetime
    last_raised_at: datetime
    acknowledged_at: datetime | None
    resolved_at: datetime | None


class NudgePage(BaseModel):
    items: list[NudgeRead]
    next_cursor: str | None
