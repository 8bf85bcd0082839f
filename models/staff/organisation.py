"""A council (tenant): its own people, records and programme settings."""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import CheckConstraint, Integer, String, Time
from sqlalchemy.orm import Mapped, mapped_column

from models.core.base import Base, CreatedAt, IdMixin
from models.core.types import UTCDateTime

DEFAULT_CADENCE = "14d,42d,3m,6m,9m,12m"
# A telephone number as a young person would dial it: digits, spaces, brackets, dashes, a "+".
PHONE_PATTERN = r"^\+?[0-9][0-9 ()\-]{4,30}[0-9]$"
DEFAULT_ELIGIBLE_COHORTS = "in_care,care_leaver,former_care_leaver,in_custody,uasc,not_sure"


class Organisation(IdMixin, CreatedAt, Base):
    __tablename__ = "organisation"
    __table_args__ = (
        CheckConstraint("eligible_max_age BETWEEN 10 AND 30", name="eligible_max_age_range"),
        CheckConstraint("checkin_reminder_hours > 0", name="checkin_reminder_positive"),
        CheckConstraint("checkin_missed_days > 0", name="checkin_missed_positive"),
        CheckConstraint(
            "concern_escalation_minutes BETWEEN 1 AND 240", name="concern_escalation_range"
        ),
    )

    name: Mapped[str] = mapped_column(String(200), nullable=False)
    slug: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    timezone: Mapped[str] = mapped_column(String(64), nullable=False, default="Europe/London")
    quiet_start: Mapped[time] = mapped_column(Time, nullable=False, default=time(21, 0))
    quiet_end: Mapped[time] = mapped_column(Time, nullable=False, default=time(8, 0))
    working_start: Mapped[time] = mapped_column(Time, nullable=False, default=time(9, 0))
    working_end: Mapped[time] = mapped_column(Time, nullable=False, default=time(17, 0))
    # Comma-separated offsets after the conference: "14d" days, "3m" calendar months.
    checkin_cadence: Mapped[str] = mapped_column(
        String(200), nullable=False, default=DEFAULT_CADENCE
    )
    checkin_reminder_hours: Mapped[int] = mapped_column(Integer, nullable=False, default=48)
    checkin_missed_days: Mapped[int] = mapped_column(Integer, nullable=False, default=5)
    # Eligibility rule (shown to coordinators, never used to turn a young person away).
    eligible_max_age: Mapped[int] = mapped_column(Integer, nullable=False, default=25)
    eligible_cohorts: Mapped[str] = mapped_column(
        String(200), nullable=False, default=DEFAULT_ELIGIBLE_COHORTS
    )
    accepts_self_referrals: Mapped[bool] = mapped_column(nullable=False, default=True)
    # The language its coordinators' nudges and digests are written in (a Kith code).
    language: Mapped[str] = mapped_column(String(16), nullable=False, default="en")
    # The languages it offers young people, comma-separated Kith codes; NULL offers every
    # complete catalog, so a language added to Kith later is offered without a change here.
    offered_languages: Mapped[str | None] = mapped_column(String(200), nullable=True)
    # An urgent concern nobody acknowledged within this many working minutes is sent again to
    # the coordinator and every manager (models/safeguarding/escalation.py).
    concern_escalation_minutes: Mapped[int] = mapped_column(Integer, nullable=False, default=15)
    # Who a young person can call when the team is not working (e.g. the emergency duty team),
    # told to them beside 999 when they write about danger out of hours; None: not set.
    out_of_hours_phone: Mapped[str | None] = mapped_column(String(40), nullable=True)
    deactivated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
