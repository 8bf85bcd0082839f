"""Staff accounts (coordinator, manager, admin), their API tokens and login attempts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAt, IdMixin, OrgScoped, str_enum
from models.enums import Role
from models.types import BigId, EncryptedText, UTCDateTime


class User(OrgScoped, CreatedAt, Base):
    __tablename__ = "user_account"
    __table_args__ = (Index(None, "organisation_id", "role"),)

    email: Mapped[str] = mapped_column(String(254), nullable=False, unique=True)
    display_name: Mapped[str] = mapped_column(String(200), nullable=False)
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"), nullable=False)
    password_hash: Mapped[str] = mapped_column(String(200), nullable=False)
    totp_secret: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)
    totp_enrolled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # The 30-second step of the last code accepted: a code seen once is never accepted again.
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    manager_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True
    )
    telegram_chat_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True, unique=True)
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    @property
    def is_active(self) -> bool:
        return self.disabled_at is None


class ApiToken(OrgScoped, CreatedAt, Base):
    """An opaque bearer token, stored only as a hash."""

    __tablename__ = "api_token"

    user_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="CASCADE"), nullable=False, index=True
    )
    token_hash: Mapped[str] = mapped_column(String(128), nullable=False, unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class LoginAttempt(IdMixin, Base):
    """Every login attempt, for throttling and the audit trail (no organisation: may be unknown)."""

    __tablename__ = "login_attempt"
    __table_args__ = (Index(None, "email", "at"), Index(None, "address", "at"))

    email: Mapped[str] = mapped_column(String(254), nullable=False)
    address: Mapped[str] = mapped_column(String(64), nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    succeeded: Mapped[bool] = mapped_column(Boolean, nullable=False)
