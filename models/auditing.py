"""The audit trail: who saw or changed a child's record (never the values themselves)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, NotRequired, TypedDict, Unpack

from sqlalchemy import event, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from models.audit import AuditEvent
from models.db import core_table
from models.enums import ActorKind


class AuditValues(TypedDict):
    """One audit event's fields, as callers give them."""

    now: datetime
    actor_kind: ActorKind
    action: str
    entity: str
    route: str
    organisation_id: int | None
    actor_user_id: NotRequired[int | None]
    entity_id: NotRequired[int | None]
    young_person_id: NotRequired[int | None]
    outcome: NotRequired[str]


def _row(values: AuditValues) -> dict[str, Any]:
    return {
        "organisation_id": values["organisation_id"],
        "at": values["now"],
        "actor_kind": values["actor_kind"],
        "actor_user_id": values.get("actor_user_id"),
        "action": values["action"],
        "entity": values["entity"],
        "entity_id": values.get("entity_id"),
        "young_person_id": values.get("young_person_id"),
        "route": values["route"][:200],
        "outcome": values.get("outcome", "ok"),
    }


def record_audit(*, session: AsyncSession, **values: Unpack[AuditValues]) -> AuditEvent:
    event = AuditEvent(**_row(values))
    session.add(event)
    return event


class AuditBatch:
    """A request's audit events, written with one multi-row INSERT just before it commits.

    A caseload page shows 50 young people: 50 ORM objects flushed one by one cost a fifth of
    the request's CPU (bench/api.py, profiled); one INSERT costs a fraction of that. The
    rows go in the same transaction as what they record: a request rolled back leaves no
    trace, a committed one always carries its audit.
    """

    def __init__(self, session: AsyncSession) -> None:
        self._rows: list[dict[str, Any]] = []
        event.listen(session.sync_session, "before_commit", self._write)
        event.listen(session.sync_session, "after_rollback", self._forget)

    def add(self, **values: Unpack[AuditValues]) -> None:
        self._rows.append(_row(values))

    @property
    def pending(self) -> int:
        return len(self._rows)

    def _forget(self, session: Session) -> None:
        self._rows = []

    def _write(self, session: Session) -> None:
        if self._rows:
            rows, self._rows = self._rows, []
            session.execute(insert(core_table(AuditEvent)), rows)
