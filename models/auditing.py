"""The audit trail: who saw or changed a child's record (never the values themselves)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import event, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from models.audit import AuditEvent
from models.db import core_table
from models.enums import ActorKind


def record_audit(
    *,
    session: AsyncSession,
    now: datetime,
    actor_kind: ActorKind,
    action: str,
    entity: str,
    route: str,
    organisation_id: int | None,
    actor_user_id: int | None = None,
    entity_id: int | None = None,
    young_person_id: int | None = None,
    outcome: str = "ok",
) -> AuditEvent:
    event = AuditEvent(
        organisation_id=organisation_id,
        at=now,
        actor_kind=actor_kind,
        actor_user_id=actor_user_id,
        action=action,
        entity=entity,
        entity_id=entity_id,
        young_person_id=young_person_id,
        route=route[:200],
        outcome=outcome,
    )
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

    def add(
        self,
        *,
        now: datetime,
        actor_kind: ActorKind,
        action: str,
        entity: str,
        route: str,
        organisation_id: int | None,
        actor_user_id: int | None = None,
        entity_id: int | None = None,
        young_person_id: int | None = None,
        outcome: str = "ok",
    ) -> None:
        self._rows.append(
            {
                "organisation_id": organisation_id,
                "at": now,
                "actor_kind": actor_kind,
                "actor_user_id": actor_user_id,
                "action": action,
                "entity": entity,
                "entity_id": entity_id,
                "young_person_id": young_person_id,
                "route": route[:200],
                "outcome": outcome,
            }
        )

    @property
    def pending(self) -> int:
        return len(self._rows)

    def _forget(self, session: Session) -> None:
        self._rows = []

    def _write(self, session: Session) -> None:
        if self._rows:
            rows, self._rows = self._rows, []
            session.execute(insert(core_table(AuditEvent)), rows)
