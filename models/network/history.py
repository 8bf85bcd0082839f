"""A connection's status history: who moved them, when, and why.

Every move made through `move_with_history` is kept, so a coordinator taking over a case sees
how each person came to be where they are (and reports can count the time between steps).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.core.base import Base, OrgScoped, str_enum
from models.core.db import add_now
from models.core.enums import ConnectionStatus
from models.core.types import BigId, EncryptedText, UTCDateTime
from models.network.connection import Connection, about_connection, typed_text
from models.network.tracing import move_connection
from models.staff.user import name_of


class ConnectionStatusChange(OrgScoped, Base):
    __tablename__ = "connection_status_change"
    __table_args__ = (Index(None, "connection_id", "at"),)

    connection_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("connection.id", ondelete="CASCADE"), nullable=False
    )
    young_person_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("young_person.id", ondelete="CASCADE"), nullable=False
    )
    from_status: Mapped[ConnectionStatus | None] = mapped_column(
        str_enum(ConnectionStatus, "from_status"), nullable=True
    )
    to_status: Mapped[ConnectionStatus] = mapped_column(
        str_enum(ConnectionStatus, "to_status"), nullable=False
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    by_user_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True
    )
    by_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    reason: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)


async def move_with_history(
    *,
    session: AsyncSession,
    connection: Connection,
    to: ConnectionStatus,
    now: datetime,
    by_user_id: int | None,
    reason: str | None = None,
) -> ConnectionStatusChange | None:
    """Move the person (the network's rules: ConnectionMoveError) and keep the move.
    Moving to where they already are changes nothing and keeps nothing."""
    before = connection.status
    move_connection(connection=connection, to=to, now=now)
    if connection.status == before:
        return None
    change = ConnectionStatusChange(
        **about_connection(connection),
        from_status=before,
        to_status=connection.status,
        at=now,
        by_user_id=by_user_id,
        by_name=await name_of(session, by_user_id),
        reason=typed_text(reason),
    )
    return await add_now(session, change)


async def status_history_of(
    *, session: AsyncSession, connection_id: int
) -> list[ConnectionStatusChange]:
    """Oldest first."""
    rows = await session.scalars(
        select(ConnectionStatusChange)
        .where(ConnectionStatusChange.connection_id == connection_id)
        .order_by(ConnectionStatusChange.at, ConnectionStatusChange.id)
    )
    return list(rows)
