"""The email outbox: every email Kith sends is a row first, written in the same transaction as
its cause, then claimed and sent by the scheduler (models.email.claiming), so nothing is lost
on a crash and nothing is sent twice — as for Telegram messages (models.outbox)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.core.base import Base, CreatedAt, OrgScoped, str_enum
from models.core.types import BigId, UTCDateTime


class EmailState(StrEnum):
    pending = "pending"
    sent = "sent"
    failed = "failed"


class OutboundEmail(OrgScoped, CreatedAt, Base):
    __tablename__ = "outbound_email"
    __table_args__ = (Index(None, "state", "due_at"),)

    user_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="CASCADE"), nullable=True
    )
    to_address: Mapped[str] = mapped_column(String(254), nullable=False)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    subject: Mapped[str] = mapped_column(String(200), nullable=False)
    # Never a young person's words: titles and a link (checked by models.email.sending).
    body: Mapped[str] = mapped_column(Text, nullable=False)
    dedupe_key: Mapped[str | None] = mapped_column(String(200), nullable=True, unique=True)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    state: Mapped[EmailState] = mapped_column(
        str_enum(EmailState, "email_state"), nullable=False, default=EmailState.pending
    )
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    leased_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    error: Mapped[str | None] = mapped_column(String(500), nullable=True)
