"""Staff accounts: coordinators, managers and admins of one organisation."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.core.base import Base, CreatedAt, OrgScoped, str_enum
from models.core.enums import Role
from models.core.types import BigId, EncryptedText, UTCDateTime


class User(OrgScoped, CreatedAt, Base):
    __tablename__ = "user_account"
    # An email is unique within its council only: one council's accounts say nothing about
    # another's, and a person who works for two councils may have an account in each.
    __table_args__ = (
        Index(None, "organisation_id", "role"),
        UniqueConstraint("organisation_id", "email"),
        Index(None, "email"),
    )

    email: Mapped[str] = mapped_column(String(254), nullable=False)
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
    # On duty: told at once, with the managers, of an urgent concern about a young person no
    # coordinator holds yet (a self-referral waiting for triage), as a council's duty worker is.
    on_duty: Mapped[bool] = mapped_column(nullable=False, default=False)

    @property
    def is_active(self) -> bool:
        return self.disabled_at is None


async def name_of(session: AsyncSession, user_id: int | None) -> str | None:
    """The name of whoever wrote a record, kept with it (it outlives the account)."""
    user = await session.get(User, user_id) if user_id is not None else None
    return user.display_name if user is not None else None
