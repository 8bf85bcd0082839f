"""Rights requests (/mydata, /delete) and what a young person told their coordinator (/tell)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from models.core.base import Base, OrgScoped, str_enum
from models.core.enums import RightsKind, TellKind
from models.core.types import BigId, EncryptedText, UTCDateTime


class RightsRequest(OrgScoped, Base):
    __tablename__ = "rights_request"
    __table_args__ = (Index(None, "organisation_id", "answered_at"),)

    young_person_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("young_person.id", ondelete="CASCADE"), nullable=False
    )
    kind: Mapped[RightsKind] = mapped_column(str_enum(RightsKind, "rights_kind"), nullable=False)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    due_by: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    answered_by: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True
    )


class TellMessage(OrgScoped, Base):
    __tablename__ = "tell_message"
    __table_args__ = (Index(None, "young_person_id", "at"),)

    young_person_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("young_person.id", ondelete="CASCADE"), nullable=False
    )
    kind: Mapped[TellKind] = mapped_column(str_enum(TellKind, "tell_kind"), nullable=False)
    text: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


def answer_rights_request(*, request: RightsRequest, by_user_id: int, now: datetime) -> None:
    """The team answered it (within the month the law gives); answering twice changes nothing."""
    if request.answered_at is None:
        request.answered_at = now
        request.answered_by = by_user_id
