"""A person important to a young person, and where they are on the way to being in their circle."""

from __future__ import annotations

from datetime import date, datetime
from typing import TypedDict

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from models.core.base import Base, CreatedAt, OrgScoped, str_enum
from models.core.enums import Closeness, ConnectionCategory, ConnectionStatus, NamedBy
from models.core.types import BigId, EncryptedText, UTCDateTime


class Connection(OrgScoped, CreatedAt, Base):
    __tablename__ = "connection"
    __table_args__ = (
        # status_changed_at too: reports count agreed connections up to a moment from the index.
        Index(None, "young_person_id", "status", "status_changed_at"),
        CheckConstraint("safety_concern OR safety_note IS NULL", name="safety_note_needs_flag"),
    )

    young_person_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("young_person.id", ondelete="CASCADE"), nullable=False
    )
    # A third party's name is personal data about someone who never signed up: encrypted.
    name: Mapped[str] = mapped_column(EncryptedText, nullable=False)
    relationship_label: Mapped[str] = mapped_column(String(40), nullable=False)
    category: Mapped[ConnectionCategory] = mapped_column(
        str_enum(ConnectionCategory, "connection_category"), nullable=False
    )
    named_by: Mapped[NamedBy] = mapped_column(str_enum(NamedBy, "named_by"), nullable=False)
    closeness: Mapped[Closeness] = mapped_column(
        str_enum(Closeness, "closeness"), nullable=False, default=Closeness.middle
    )
    in_touch: Mapped[bool | None] = mapped_column(nullable=True)
    wants_contact: Mapped[bool | None] = mapped_column(nullable=True)
    birthday: Mapped[date | None] = mapped_column(Date, nullable=True)
    contact_details: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)
    safety_concern: Mapped[bool] = mapped_column(nullable=False, default=False)
    safety_note: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)
    coordinator_note: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)
    status: Mapped[ConnectionStatus] = mapped_column(
        str_enum(ConnectionStatus, "connection_status"), nullable=False
    )
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class AboutConnection(TypedDict):
    organisation_id: int
    connection_id: int
    young_person_id: int


def about_connection(connection: Connection) -> AboutConnection:
    """What every record about one person in a young person's network carries (their
    council and young person too, so scoping and /delete find it)."""
    return AboutConnection(
        organisation_id=connection.organisation_id,
        connection_id=connection.id,
        young_person_id=connection.young_person_id,
    )


def typed_text(text: str | None) -> str | None:
    """What a coordinator typed, trimmed; None when they typed nothing but spaces."""
    return text.strip() if text and text.strip() else None
