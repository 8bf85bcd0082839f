"""Claiming due outbox rows with a short lease, so two senders never hold the same message.

One statement claims: a materialised CTE picks at most `limit` ids with
`FOR UPDATE SKIP LOCKED`, and the UPDATE leases exactly those (`UPDATE ... FROM picked`).
Materialised, the pick runs once, so its LIMIT holds (an `id IN (SELECT ... LIMIT n)` was run
once per outer row as a nested-loop semi join and leased nearly the whole backlog to one
scheduler; tests/models/outbox/test_claiming.py shows the plan). On SQLite, one writer at a
time, the same statement is atomic by itself and `FOR UPDATE` compiles to nothing.

Only the first waiting message of a chat can be claimed, and none of a chat with a message
in flight or a send in the last second (its `send_pace` row), so one chat's messages go one
at a time, in the order they were queued. A lease is short (`KITH_OUTBOX_LEASE_SECONDS`, 6)
and renewed while its holder is alive: a crashed sender's rows are claimable again within
seconds. Every write afterwards checks the lease (`held_by`), so a sender that lost it never
overwrites another's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import (
    ColumnElement,
    String,
    and_,
    cast,
    exists,
    func,
    literal,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlalchemy.sql.expression import Executable

from models.core.db import is_postgres
from models.core.enums import OutboxState
from models.outbox.message import OutboundMessage
from models.outbox.pace import SendPace, chat_scope_prefix


def _free(now: datetime) -> list[ColumnElement[bool]]:
    return [
        OutboundMessage.state == OutboxState.pending,
        OutboundMessage.due_at <= now,
        or_(OutboundMessage.lease_until.is_(None), OutboundMessage.lease_until < now),
    ]


def claim_statement(
    *, now: datetime, wall: float, worker: str, limit: int, lease: timedelta, postgres: bool
) -> Executable:
    """The claim as one statement (also what the plan test EXPLAINs)."""
    other = aliased(OutboundMessage)
    # Only due rows can be ahead in line or in flight (a row is leased only once due), so
    # the check reads the few due rows, found by the same index as the pick (with an OR
    # over every pending row, PostgreSQL scanned the whole table: 267 ms among a million).
    chat_waits = exists().where(
        other.chat_id == OutboundMessage.chat_id,
        other.state == OutboxState.pending,
        other.due_at <= now,
        other.id != OutboundMessage.id,
        or_(other.id < OutboundMessage.id, other.lease_until >= now),  # ahead, or in flight
    )
    chat_just_sent = exists().where(
        SendPace.scope == literal(chat_scope_prefix()) + cast(OutboundMessage.chat_id, String),
        SendPace.next_at > wall,
    )
    picked = (
        select(OutboundMessage.id)
        .where(*_free(now), ~chat_waits, ~chat_just_sent)
        .order_by(OutboundMessage.due_at, OutboundMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=OutboundMessage)
        .cte("picked")
        .prefix_with("MATERIALIZED")
    )
    claim = update(OutboundMessage).values(lease_until=now + lease, leased_by=worker)
    if postgres:
        # By primary key, whatever the planner thinks of the CTE's size: a join here was
        # planned as a hash join over the whole table (189 ms among a million rows).
        claim = claim.add_cte(picked).where(
            text("outbound_message.id = ANY(ARRAY(SELECT id FROM picked))")
        )
    else:
        claim = claim.where(OutboundMessage.id.in_(select(picked.c.id)))
    return claim.returning(OutboundMessage.id).execution_options(synchronize_session=False)


@dataclass(frozen=True)
class Claim:
    """What one claim leased; `uncertain` are those a previous holder was sending when it
    stopped answering (killed mid-send): Telegram may have them already."""

    messages: list[OutboundMessage]
    uncertain: list[OutboundMessage]

    def __bool__(self) -> bool:
        return bool(self.messages)


async def claim_due_messages(
    *,
    session: AsyncSession,
    now: datetime,
    worker: str,
    limit: int,
    lease: timedelta,
    wall: float | None = None,
) -> Claim:
    """Lease up to `limit` due messages (oldest first, one per chat) to `worker`.

    `now` is the clock the rows are written in; `wall` (seconds since the epoch, real time)
    is the send pace's clock; by default `now`.
    """
    statement = claim_statement(
        now=now,
        wall=now.timestamp() if wall is None else wall,
        worker=worker,
        limit=limit,
        lease=lease,
        postgres=is_postgres(session),
    )
    claimed = (await session.scalars(statement)).all()
    if not claimed:
        return Claim([], [])
    rows = list(
        await session.scalars(
            select(OutboundMessage)
            .where(OutboundMessage.id.in_(claimed))
            .order_by(OutboundMessage.due_at, OutboundMessage.id)
            .execution_options(populate_existing=True)
        )
    )
    uncertain = [row for row in rows if row.sending_at is not None]
    if uncertain:
        # Counted once, here, by the one holder that found it; the row is then sent again.
        await session.execute(
            update(OutboundMessage)
            .where(OutboundMessage.id.in_([row.id for row in uncertain]))
            .values(
                uncertain_sends=OutboundMessage.uncertain_sends + 1,
                sending_at=None,
                error="uncertain: its sender stopped before Telegram answered",
            )
            .execution_options(synchronize_session=False)
        )
        for row in uncertain:
            row.uncertain_sends += 1
            row.sending_at = None
    return Claim(rows, uncertain)


def held_by(message_id: int, worker: str) -> ColumnElement[bool]:
    """The condition every write after a claim carries: the row is still ours, still pending."""
    return and_(
        OutboundMessage.id == message_id,
        OutboundMessage.leased_by == worker,
        OutboundMessage.state == OutboxState.pending,
    )


async def renew_leases(
    *, session: AsyncSession, now: datetime, worker: str, ids: Sequence[int], lease: timedelta
) -> set[int]:
    """Extend the lease of the rows this sender still holds; returns those it still holds."""
    if not ids:
        return set()
    renewed = await session.scalars(
        update(OutboundMessage)
        .where(
            OutboundMessage.id.in_(list(ids)),
            OutboundMessage.leased_by == worker,
            OutboundMessage.state == OutboxState.pending,
        )
        .values(lease_until=now + lease)
        .returning(OutboundMessage.id)
        .execution_options(synchronize_session=False)
    )
    return set(renewed.all())


async def release_unsent(
    *, session: AsyncSession, worker: str, ids: Sequence[int] | None = None
) -> int:
    """Give back rows this sender holds but will not send (stopping): claimable at once.
    Without `ids`, every row it leases."""
    if ids is not None and not ids:
        return 0
    mine = [OutboundMessage.leased_by == worker, OutboundMessage.state == OutboxState.pending]
    if ids is not None:
        mine.append(OutboundMessage.id.in_(list(ids)))
    result = await session.execute(
        update(OutboundMessage)
        .where(*mine)
        .values(lease_until=None, leased_by=None)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def count_waiting(*, session: AsyncSession, now: datetime) -> int:
    """Due messages nobody holds: claimable now or as soon as their chat's turn comes."""
    total = await session.scalar(select(func.count(OutboundMessage.id)).where(*_free(now)))
    return int(total or 0)


async def count_uncertain_sends(*, session: AsyncSession) -> int:
    """Every send whose fate was unknown, ever (for /metrics)."""
    total = await session.scalar(
        select(func.coalesce(func.sum(OutboundMessage.uncertain_sends), 0))
    )
    return int(total or 0)
