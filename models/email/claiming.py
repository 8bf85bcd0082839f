"""Claiming due emails for sending, safely with several schedulers: each row is leased by one
worker (FOR UPDATE SKIP LOCKED on PostgreSQL), sent outside the transaction, then marked.
A worker that dies mid-send leaves a lease that runs out, and the email is tried again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.email.message import EmailState, OutboundEmail

LEASE = timedelta(minutes=2)
MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class ClaimedEmail:
    id: int
    to_address: str
    subject: str
    body: str


async def claim_due_emails(
    *, session: AsyncSession, now: datetime, worker: str, limit: int = 50
) -> list[ClaimedEmail]:
    rows = list(
        await session.scalars(
            select(OutboundEmail)
            .where(
                OutboundEmail.state == EmailState.pending,
                OutboundEmail.due_at <= now,
                or_(OutboundEmail.lease_until.is_(None), OutboundEmail.lease_until < now),
            )
            .order_by(OutboundEmail.due_at, OutboundEmail.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
    for email in rows:
        email.lease_until = now + LEASE
        email.leased_by = worker
        email.attempts += 1
    await session.flush()
    return [ClaimedEmail(e.id, e.to_address, e.subject, e.body) for e in rows]


async def record_email_outcome(
    *,
    session: AsyncSession,
    now: datetime,
    email_id: int,
    worker: str,
    error: str | None,
) -> None:
    """Sent, or tried again later (backing off), or failed for good after MAX_ATTEMPTS."""
    email = await session.get(OutboundEmail, email_id)
    if email is None or email.leased_by != worker or email.state != EmailState.pending:
        return
    email.lease_until = None
    email.leased_by = None
    if error is None:
        email.state = EmailState.sent
        email.sent_at = now
        email.error = None
        return
    email.error = error[:500]
    if email.attempts >= MAX_ATTEMPTS:
        email.state = EmailState.failed
    else:
        email.due_at = now + timedelta(minutes=2**email.attempts)
