"""Meetings (planning, conference, review) and the commitments of a conference plan."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from models.core.base import Base, CreatedAt, OrgScoped, str_enum
from models.core.enums import CommitmentWho, Frequency, MeetingKind
from models.core.types import BigId, EncryptedText, UTCDateTime


class Meeting(OrgScoped, CreatedAt, Base):
    __tablename__ = "meeting"
    __table_args__ = (
        Index(None, "young_person_id", "scheduled_at"),
        # Programme reports: meetings of a kind held in a period.
        Index(None, "organisation_id", "kind", "held_at"),
    )

    young_person_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("young_person.id", ondelete="CASCADE"), nullable=False
    )
    kind: Mapped[MeetingKind] = mapped_column(str_enum(MeetingKind, "meeting_kind"), nullable=False)
    scheduled_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    held_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # Who came: names of third parties, so encrypted (one name per line).
    attendees: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)
    notes: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)


class Commitment(OrgScoped, CreatedAt, Base):
    """One line of a conference plan: who will do what, how often, until when."""

    __tablename__ = "commitment"
    __table_args__ = (
        Index(None, "young_person_id"),
        CheckConstraint(
            "(who = 'connection') = (connection_id IS NOT NULL)", name="who_matches_connection"
        ),
    )

    meeting_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("meeting.id", ondelete="CASCADE"), nullable=False, index=True
    )
    young_person_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("young_person.id", ondelete="CASCADE"), nullable=False
    )
    who: Mapped[CommitmentWho] = mapped_column(
        str_enum(CommitmentWho, "commitment_who"), nullable=False
    )
    connection_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("connection.id", ondelete="SET NULL"), nullable=True
    )
    what: Mapped[str] = mapped_column(EncryptedText, nullable=False)
    frequency: Mapped[Frequency] = mapped_column(str_enum(Frequency, "frequency"), nullable=False)
    until: Mapped[date | None] = mapped_column(Date, nullable=True)
