"""`GET /v1/audit`: the audit trail of the admin's own organisation, filtered and paged."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import select

from api.deps import Admin, SessionDep
from api.pagination import CursorQuery, PageLimit, decode_cursor, encode_cursor
from api.schemas.audit import AuditEventPage, AuditEventRead
from api.schemas.common import Moment, PlainId
from models.audit import AuditEvent

router = APIRouter(prefix="/audit", tags=["audit"])
IdQuery = Annotated[PlainId | None, Query()]
Word = Annotated[str | None, Query(max_length=40, pattern=r"^[a-z_:0-9]+$")]


@router.get("", summary="The audit trail", response_model=AuditEventPage)
async def list_audit(
    session: SessionDep,
    admin: Admin,
    young_person_id: IdQuery = None,
    actor_user_id: IdQuery = None,
    entity: Word = None,
    action: Word = None,
    outcome: Word = None,
    since: Annotated[Moment | None, Query()] = None,
    until: Annotated[Moment | None, Query()] = None,
    limit: Annotated[PageLimit, Query()] = 100,
    cursor: CursorQuery = None,
) -> AuditEventPage:
    """Who read or changed what, when, through which route; newest first. Never field values."""
    query = select(AuditEvent).where(AuditEvent.organisation_id == admin.organisation_id)
    filters = {
        AuditEvent.young_person_id: young_person_id,
        AuditEvent.actor_user_id: actor_user_id,
        AuditEvent.entity: entity,
        AuditEvent.action: action,
        AuditEvent.outcome: outcome,
    }
    for column, value in filters.items():
        if value is not None:
            query = query.where(column == value)
    if since is not None:
        query = query.where(AuditEvent.at >= since)
    if until is not None:
        query = query.where(AuditEvent.at < until)
    if cursor:
        (before,) = decode_cursor(cursor, (int,))
        query = query.where(AuditEvent.id < before)
    rows = list(await session.scalars(query.order_by(AuditEvent.id.desc()).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return AuditEventPage(
        items=[AuditEventRead.model_validate(e) for e in rows],
        next_cursor=encode_cursor(rows[-1].id) if more else None,
    )
