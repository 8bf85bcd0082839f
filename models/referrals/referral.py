"""A referral to the programme and every move along its journey (who, when, why)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.core.base import Base, OrgScoped, str_enum
from models.core.enums import ActorKind, Priority, ReferralSource, ReferralStatus
from models.core.types import BigId, EncryptedText, UTCDateTime


class Referral(OrgScoped, Base):
    __tablename__ = "referral"
    __table_args__ = (
        Index(None, "organisation_id", "status", "received_at"),
        # Programme reports: referrals received in a period.
        Index(None, "organisation_id", "received_at"),
        Index(None, "young_person_id"),
    )

    young_person_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("young_person.id", ondelete="CASCADE"), nullable=False
    )
    source: Mapped[ReferralSource] = mapped_column(
        str_enum(ReferralSource, "referral_source"), nullable=False
    )
    priority: Mapped[Priority] = mapped_column(
        str_enum(Priority, "priority"), nullable=False, default=Priority.standard
    )
    status: Mapped[ReferralStatus] = mapped_column(
        str_enum(ReferralStatus, "referral_status"), nullable=False
    )
    referrer_name: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)
    referrer_contact: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)
    eligible: Mapped[bool | None] = mapped_column(nullable=True)
    eligibility_notes: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)

    transitions: Mapped[list[ReferralTransition]] = relationship(
        back_populates="referral", order_by="ReferralTransition.id", cascade="all, delete-orphan"
    )


class ReferralTransition(OrgScoped, Base):
    __tablename__ = "referral_transition"
    __table_args__ = (
        Index(None, "referral_id", "at"),
        # Programme reports: when referrals reached (or left) a state, up to a moment, read
        # from the index alone (it covers every column those queries touch).
        Index(
            "ix_referral_transition_report",
            "organisation_id",
            "to_status",
            "at",
            "referral_id",
            "from_status",
        ),
    )

    referral_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("referral.id", ondelete="CASCADE"), nullable=False
    )
    from_status: Mapped[ReferralStatus | None] = mapped_column(
        str_enum(ReferralStatus, "transition_from_status"), nullable=True
    )
    to_status: Mapped[ReferralStatus] = mapped_column(
        str_enum(ReferralStatus, "transition_to_status"), nullable=False
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    by_kind: Mapped[ActorKind] = mapped_column(str_enum(ActorKind, "by_kind"), nullable=False)
    by_user_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True
    )
    reason: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)
    reason_code: Mapped[str | None] = mapped_column(String(60), nullable=True)

    referral: Mapped[Referral] = relationship(back_populates="transitions")
