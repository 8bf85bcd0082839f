"""Scheduled conversations after the conference, and the young person's answers to them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.core.base import Base, CreatedAt, OrgScoped, str_enum
from models.core.enums import CheckInState, CommitmentAnswerValue
from models.core.types import BigId, EncryptedText, UTCDateTime


class CheckIn(OrgScoped, CreatedAt, Base):
    __tablename__ = "check_in"
    __table_args__ = (
        Index(None, "state", "due_at"),
        Index(None, "young_person_id", "due_at"),
        # Programme reports: check-ins due in a period, counted from the index alone.
        Index(None, "organisation_id", "due_at", "state", "wellbeing"),
        CheckConstraint("wellbeing BETWEEN 1 AND 5", name="wellbeing_range"),
    )

    young_person_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("young_person.id", ondelete="CASCADE"), nullable=False
    )
    meeting_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("meeting.id", ondelete="SET NULL"), nullable=True
    )
    label: Mapped[str] = mapped_column(String(20), nullable=False)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    wellbeing: Mapped[int | None] = mapped_column(Integer, nullable=True)
    free_text: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)
    state: Mapped[CheckInState] = mapped_column(
        str_enum(CheckInState, "checkin_state"), nullable=False, default=CheckInState.scheduled
    )


class CheckInAnswer(OrgScoped, Base):
    """Whether one commitment happened, as the young person saw it."""

    __tablename__ = "check_in_answer"
    __table_args__ = (UniqueConstraint("check_in_id", "commitment_id"),)

    check_in_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("check_in.id", ondelete="CASCADE"), nullable=False
    )
    commitment_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("commitment.id", ondelete="CASCADE"), nullable=False, index=True
    )
    answer: Mapped[CommitmentAnswerValue] = mapped_column(
        str_enum(CommitmentAnswerValue, "commitment_answer"), nullable=False
    )
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
