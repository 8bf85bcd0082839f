"""Measures a coordinator records: network size, SDQ total difficulties, placement moves."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from models.core.base import Base, CreatedAt, OrgScoped, str_enum
from models.core.enums import MeasureKind
from models.core.types import BigId


class Measure(OrgScoped, CreatedAt, Base):
    __tablename__ = "measure"
    __table_args__ = (
        Index(None, "young_person_id", "kind", "recorded_on"),
        # Programme reports: one organisation's measures of a kind.
        Index(None, "organisation_id", "kind", "recorded_on"),
        CheckConstraint("value >= 0", name="value_non_negative"),
        CheckConstraint("kind != 'sdq_total' OR value <= 40", name="sdq_range"),
    )

    young_person_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("young_person.id", ondelete="CASCADE"), nullable=False
    )
    kind: Mapped[MeasureKind] = mapped_column(str_enum(MeasureKind, "measure_kind"), nullable=False)
    value: Mapped[int] = mapped_column(Integer, nullable=False)
    recorded_on: Mapped[date] = mapped_column(Date, nullable=False)
    recorded_by: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True
    )
