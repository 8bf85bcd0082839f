"""The audit trail: who saw or changed a child's record (never the values themselves)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from models.audit import AuditEvent
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
