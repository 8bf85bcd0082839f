"""Who read or changed which record, when and by which route: never the field values.

Written in the same transaction as what it records, and searched by a council's admin.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, NotRequired, TypedDict, Unpack

from sqlalchemy import ForeignKey, Index, String, event, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, Session, mapped_column

from models.core.base import Base, IdMixin, str_enum
from models.core.db import core_table
from models.core.enums import ActorKind
from models.core.types import BigId, UTCDateTime


class AuditEvent(IdMixin, Base):
    __tablename__ = "audit_event"
    __table_args__ = (
        Index(None, "organisation_id", "at"),
        Index(None, "young_person_id", "at"),
        Index(None, "actor_user_id", "at"),
    )

    # Nullable: a refused request from an unknown account belongs to no organisation.
    organisation_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("organisation.id", ondelete="CASCADE"), nullable=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    actor_kind: Mapped[ActorKind] = mapped_column(str_enum(ActorKind, "actor_kind"), nullable=False)
    actor_user_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True
    )
    action: Mapped[str] = mapped_column(String(20), nullable=False)
    entity: Mapped[str] = mapped_column(String(40), nullable=False)
    entity_id: Mapped[int | None] = mapped_column(BigId, nullable=True)
    young_person_id: Mapped[int | None] = mapped_column(BigId, nullable=True)
    route: Mapped[str] = mapped_column(String(200), nullable=False)
    outcome: Mapped[str] = mapped_column(String(20), nullable=False, default="ok")


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
    """One organisation's trail, newest first. It holds no field values, so neither does a
    search."""
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
