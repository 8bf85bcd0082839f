"""Something a coordinator should act on: one open nudge per kind and young person."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, text
from sqlalchemy.orm import Mapped, mapped_column

from models.core.base import Base, CreatedAt, OrgScoped, str_enum
from models.core.enums import NudgeKind, NudgeState, Urgency
from models.core.types import BigId, EncryptedText, UTCDateTime

OPEN_STATES_SQL = "state IN ('open', 'acknowledged')"


class Nudge(OrgScoped, CreatedAt, Base):
    __tablename__ = "nudge"
    __table_args__ = (
        Index(None, "coordinator_id", "state", "urgency"),
        Index(None, "organisation_id", "state"),
        Index(None, "young_person_id", "created_at"),  # a young person's timeline, their nudges
        Index(
            "uq_nudge_one_open_per_kind",
            "young_person_id",
            "kind",
            unique=True,
            sqlite_where=text(OPEN_STATES_SQL),
            postgresql_where=text(OPEN_STATES_SQL),
        ),
    )

    young_person_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("young_person.id", ondelete="CASCADE"), nullable=True
    )
    coordinator_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True
    )
    kind: Mapped[NudgeKind] = mapped_column(str_enum(NudgeKind, "nudge_kind"), nullable=False)
    urgency: Mapped[Urgency] = mapped_column(str_enum(Urgency, "urgency"), nullable=False)
    state: Mapped[NudgeState] = mapped_column(
        str_enum(NudgeState, "nudge_state"), nullable=False, default=NudgeState.open
    )
    detail: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)
    occurrences: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    last_raised_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    digested_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    acknowledged_by: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True
    )
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    resolved_by: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True
    )
    resolved_note: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)
    # An urgent concern nobody acknowledged in time was sent again, once, at this moment.
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
