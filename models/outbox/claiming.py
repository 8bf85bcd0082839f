"""Claiming due outbox rows with a lease, so two senders never hold the same message.

One statement does it: `UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED) RETURNING`.
On PostgreSQL, SKIP LOCKED lets several schedulers claim side by side without waiting on each
other; on SQLite (one writer at a time) the statement is atomic by itself and `FOR UPDATE`
compiles to nothing. A claim is a lease: if its sender dies, the row is claimable again once
`lease_until` has passed, so nothing is lost; everything a sender writes afterwards checks it
still holds the lease (`leased_by`), so a sender that lost its lease never overwrites another's.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from models.core.enums import OutboxState
from models.outbox.message import OutboundMessage


def _due(now: datetime) -> list[ColumnElement[bool]]:
    return [
        OutboundMessage.state == OutboxState.pending,
        OutboundMessage.due_at <= now,
        or_(OutboundMessage.lease_until.is_(None), OutboundMessage.lease_until < now),
    ]


async def claim_due_messages(
    *, session: AsyncSession, now: datetime, worker: str, limit: int, lease: timedelta
) -> list[OutboundMessage]:
    """Lease up to `limit` due messages (oldest first) to `worker`; returns them."""
    due_ids = (
        select(OutboundMessage.id)
        .where(*_due(now))
        .order_by(OutboundMessage.due_at, OutboundMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    claimed = (
        await session.scalars(
            update(OutboundMessage)
            .where(OutboundMessage.id.in_(due_ids), *_due(now))
            .values(
                lease_until=now + lease,
                leased_by=worker,
                attempts=OutboundMessage.attempts + 1,
            )
            .returning(OutboundMessage.id)
        )
    ).all()
    if not claimed:
        return []
    rows = await session.scalars(
        select(OutboundMessage)
        .where(OutboundMessage.id.in_(claimed))
        .order_by(OutboundMessage.due_at, OutboundMessage.id)
        .execution_options(populate_existing=True)
    )
    return list(rows)


def held_by(message_id: int, worker: str) -> ColumnElement[bool]:
    """The condition every write after a send carries: the row is still ours, still pending."""
    return and_(
        OutboundMessage.id == message_id,
        OutboundMessage.leased_by == worker,
        OutboundMessage.state == OutboxState.pending,
    )


async def count_due(*, session: AsyncSession, now: datetime) -> int:
    """How many messages are waiting to go now (for logs and the benchmark)."""
    total = await session.scalar(select(func.count(OutboundMessage.id)).where(*_due(now)))
    return int(total or 0)
