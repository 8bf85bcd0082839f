"""A young person (10-25): who they are, how to reach them, and their own settings."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TypedDict

from sqlalchemy import BigInteger, CheckConstraint, Date, ForeignKey, Index, Integer, String, Time
from sqlalchemy.orm import Mapped, mapped_column

from models.core.base import Base, CreatedAt, OrgScoped, str_enum
from models.core.enums import Cohort
from models.core.types import BigId, EncryptedText, UTCDateTime


class YoungPerson(OrgScoped, CreatedAt, Base):
    __tablename__ = "young_person"
    __table_args__ = (
        Index(None, "organisation_id", "coordinator_id"),
        CheckConstraint("preferred_hour BETWEEN 0 AND 23", name="preferred_hour_range"),
        CheckConstraint("age_at_referral BETWEEN 5 AND 30", name="age_range"),
    )

    preferred_name: Mapped[str] = mapped_column(String(100), nullable=False)
    # Full legal name is case-record data; the bot only ever uses the preferred name.
    legal_name: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)
    date_of_birth: Mapped[date | None] = mapped_column(Date, nullable=True)
    age_at_referral: Mapped[int | None] = mapped_column(Integer, nullable=True)
    cohort: Mapped[Cohort] = mapped_column(str_enum(Cohort, "cohort"), nullable=False)
    not_going_home_or_adopted: Mapped[bool | None] = mapped_column(nullable=True)
    gender: Mapped[str | None] = mapped_column(String(40), nullable=True)
    ethnicity: Mapped[str | None] = mapped_column(String(60), nullable=True)
    disability: Mapped[bool | None] = mapped_column(nullable=True)
    language: Mapped[str] = mapped_column(String(16), nullable=False, default="en")
    timezone: Mapped[str] = mapped_column(String(64), nullable=False, default="Europe/London")
    quiet_start: Mapped[time | None] = mapped_column(Time, nullable=True)
    quiet_end: Mapped[time | None] = mapped_column(Time, nullable=True)
    preferred_hour: Mapped[int] = mapped_column(Integer, nullable=False, default=17)
    has_social_worker: Mapped[str | None] = mapped_column(String(20), nullable=True)
    coordinator_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True
    )
    telegram_chat_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True, unique=True)
    birthday_reminders: Mapped[bool] = mapped_column(nullable=False, default=False)
    messages_stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    paused_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    unreachable_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    review_due_on: Mapped[date | None] = mapped_column(Date, nullable=True)


def age_on(date_of_birth: date, today: date) -> int:
    """Age in whole years on `today` (a birthday counts from its day)."""
    years = today.year - date_of_birth.year
    if (today.month, today.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


class AboutYoungPerson(TypedDict):
    organisation_id: int
    young_person_id: int


def about_young_person(young_person: YoungPerson) -> AboutYoungPerson:
    """What every record about one young person carries: them, and their council (so a
    record is only ever seen within it, and /delete finds it)."""
    return AboutYoungPerson(
        organisation_id=young_person.organisation_id, young_person_id=young_person.id
    )
