"""One-time, expiring deep-link codes: a young person's invite, or a coordinator's chat link."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAt, OrgScoped, str_enum
from models.enums import InviteKind
from models.types import BigId, UTCDateTime


class InviteCode(OrgScoped, CreatedAt, Base):
    __tablename__ = "invite_code"

    kind: Mapped[InviteKind] = mapped_column(str_enum(InviteKind, "invite_kind"), nullable=False)
    code_hash: Mapped[str] = mapped_column(String(128), nullable=False, unique=True)
    young_person_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("young_person.id", ondelete="CASCADE"), nullable=True
    )
    user_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="CASCADE"), nullable=True
    )
    created_by: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True
    )
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
