"""Who read or changed which record, when and by which route: never the field values."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, IdMixin, str_enum
from models.enums import ActorKind
from models.types import BigId, UTCDateTime


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
