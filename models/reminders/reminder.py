"""The reminder table: a young person's own reminder, a birthday, or a meeting's eve."""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Time
from sqlalchemy.orm import Mapped, mapped_column

from models.core.base import Base, CreatedAt, OrgScoped, str_enum
from models.core.enums import ReminderKind, Repeat
from models.core.types import BigId, EncryptedText, UTCDateTime


class Reminder(OrgScoped, CreatedAt, Base):
    __tablename__ = "reminder"
    __table_args__ = (
        Index(None, "active", "next_at"),
        Index(None, "young_person_id"),
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        CheckConstraint("day_of_month BETWEEN 1 AND 31", name="day_of_month_range"),
    )

    young_person_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("young_person.id", ondelete="CASCADE"), nullable=False
    )
    kind: Mapped[ReminderKind] = mapped_column(
        str_enum(ReminderKind, "reminder_kind"), nullable=False
    )
    connection_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("connection.id", ondelete="CASCADE"), nullable=True
    )
    meeting_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("meeting.id", ondelete="CASCADE"), nullable=True
    )
    what: Mapped[str] = mapped_column(EncryptedText, nullable=False)
    # Wall-clock intent in the young person's timezone, so BST/GMT changes keep 5pm at 5pm.
    local_time: Mapped[time] = mapped_column(Time, nullable=False)
    weekday: Mapped[int | None] = mapped_column(Integer, nullable=True)
    day_of_month: Mapped[int | None] = mapped_column(Integer, nullable=True)
    timezone: Mapped[str] = mapped_column(String(64), nullable=False, default="Europe/London")
    repeat: Mapped[Repeat] = mapped_column(str_enum(Repeat, "repeat"), nullable=False)
    next_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    active: Mapped[bool] = mapped_column(nullable=False, default=True)


class ReminderError(ValueError):
    """A reminder that cannot be set as asked; says why in words a person can act on."""
