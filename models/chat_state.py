"""What only the bot holds about a chat: conversation state, and updates already handled.

These rows exist before a young person has chosen a council, so they belong to no
organisation; they hold no case data and are removed by /delete.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.core.base import Base
from models.core.types import UTCDateTime


class ConversationState(Base):
    __tablename__ = "conversation_state"

    # kind: "conversation:<name>", "chat_data", "user_data" or "bot_data".
    kind: Mapped[str] = mapped_column(String(80), primary_key=True)
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    chat_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True, index=True)
    data: Mapped[str] = mapped_column(Text, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class ProcessedUpdate(Base):
    """Telegram retries webhooks: a repeated update_id must have one effect."""

    __tablename__ = "processed_update"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
