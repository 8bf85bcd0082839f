"""The audit trail as admins read it: who, what, when, which route; never field values."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from api.schemas.common import Read
from models.core.enums import ActorKind


class AuditEventRead(Read):
    id: int
    at: datetime
    actor_kind: ActorKind
    actor_user_id: int | None
    action: str
    entity: str
    entity_id: int | None
    young_person_id: int | None
    route: str
    outcome: str


class AuditEventPage(BaseModel):
    items: list[AuditEventRead]
    next_cursor: str | None
