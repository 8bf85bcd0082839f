"""The outbox: every message Kith sends unasked is a row here, written with its cause."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from models.core.base import Base, CreatedAt, OrgScoped, str_enum
from models.core.enums import OutboxState
from models.core.types import BigId, EncryptedText, UTCDateTime


class OutboundMessage(OrgScoped, CreatedAt, Base):
    __tablename__ = "outbound_message"
    __table_args__ = (
        # The sender's hot query: pending rows that are due and not leased, oldest first.
        Index(None, "state", "due_at", "id"),
        # The claim's per-chat check: is an earlier message of this chat still waiting?
        Index(None, "chat_id", "state"),
        Index(None, "young_person_id"),
        # /metrics sums the uncertain sends at every scrape: only the few rows that have one.
        Index(
            "ix_outbound_message_uncertain",
            "uncertain_sends",
            postgresql_where=text("uncertain_sends > 0"),
            sqlite_where=text("uncertain_sends > 0"),
        ),
    )

    chat_id: Mapped[int] = mapped_column(BigInteger, nullable=False)
    young_person_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("young_person.id", ondelete="CASCADE"), nullable=True
    )
    user_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="CASCADE"), nullable=True
    )
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    body: Mapped[str] = mapped_column(EncryptedText, nullable=False)
    reply_markup: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Idempotent enqueue: the same cause never produces two rows.
    dedupe_key: Mapped[str | None] = mapped_column(String(200), nullable=True, unique=True)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    state: Mapped[OutboxState] = mapped_column(
        str_enum(OutboxState, "outbox_state"), nullable=False, default=OutboxState.pending
    )
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    leased_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    # Times the message was actually handed to Telegram (a 429, which Telegram refuses
    # without taking it, does not count; nor does a lease that ran out).
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    # Set while a send is in flight; still set when its sender died or gave up waiting for
    # the answer, which the next holder counts as an uncertain send (models/outbox/claiming.py).
    sending_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # Sends whose fate is unknown (no answer: timed out after the request left, connection
    # cut, sender killed mid-send). The only way a young person can get a message twice.
    uncertain_sends: Mapped[int] = mapped_column(
        Integer, nullable=False, default=0, server_default="0"
    )
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    error: Mapped[str | None] = mapped_column(String(500), nullable=True)
    # Messages answering something just sent may break quiet hours; nothing else may.
    respects_quiet_hours: Mapped[bool] = mapped_column(nullable=False, default=True)
