"""Searching the audit trail of one organisation: who read or changed what, when, through
which route; newest first. It holds no field values, so neither does a search."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models.audit import AuditEvent

SEARCH_LIMIT = 200


async def search_audit(
    *,
    session: AsyncSession,
    organisation_id: int,
    young_person_id: int | None = None,
    actor_user_id: int | None = None,
    action: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = SEARCH_LIMIT,
) -> list[AuditEvent]:
    query = select(AuditEvent).where(AuditEvent.organisation_id == organisation_id)
    if young_person_id is not None:
        query = query.where(AuditEvent.young_person_id == young_person_id)
    if actor_user_id is not None:
        query = query.where(AuditEvent.actor_user_id == actor_user_id)
    if action:
        query = query.where(AuditEvent.action == action)
    if since is not None:
        query = query.where(AuditEvent.at >= since)
    if until is not None:
        query = query.where(AuditEvent.at < until)
    return list(await session.scalars(query.order_by(AuditEvent.id.desc()).limit(limit)))
