"""What happened when Kith tried to send, and what each answer from Telegram means for the row.

The adapter that talks to Telegram turns its answer into one of these values; the rules here
decide what follows, so the behaviour is the same whoever sends:
- delivered: the row is sent, with Telegram's message id;
- rate limited (429): the row waits `retry_after`, and so does every sender (see `pace`);
- try again (5xx, no connection): retried with backoff and jitter, then failed with a nudge;
- uncertain (no answer after the request left: a timeout, a connection cut mid-answer):
  Telegram may have it. Counted on the row (`uncertain_sends`), then retried like the
  above; if the first did arrive, the young person sees it twice (docs/scheduler.md);
- refused (400): failed with Telegram's reason, never retried (it would fail the same way);
- blocked (403): the young person is unreachable, their messages stop, the coordinator is told.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from models.core.enums import NudgeKind, OutboxState
from models.nudges.raising import raise_nudge
from models.outbox.claiming import held_by
from models.outbox.message import OutboundMessage
from models.outbox.pace import hold_back
from models.young_people.controls import mark_unreachable
from models.young_people.young_person import YoungPerson


@dataclass(frozen=True)
class Delivered:
    telegram_message_id: int


@dataclass(frozen=True)
class RateLimited:
    retry_after: float


@dataclass(frozen=True)
class TryAgain:
    reason: str


@dataclass(frozen=True)
class Uncertain:
    reason: str


@dataclass(frozen=True)
class Refused:
    reason: str


@dataclass(frozen=True)
class Blocked:
    reason: str


Outcome = Delivered | RateLimited | TryAgain | Uncertain | Refused | Blocked


@dataclass(frozen=True)
class RetryPolicy:
    """How long a message waits after a transient failure, and when Kith gives up on it."""

    max_attempts: int = 5
    base: timedelta = timedelta(seconds=5)
    cap: timedelta = timedelta(minutes=15)

    def backoff(self, attempts: int, jitter: float) -> timedelta:
        """Exponential in the attempts made, times `jitter` in [0.5, 1] so senders spread out."""
        grown = self.base * (2 ** max(attempts - 1, 0))
        capped: timedelta = min(grown, self.cap)
        return capped * jitter


async def _write(
    session: AsyncSession, message: OutboundMessage, worker: str, **values: object
) -> bool:
    result = await session.execute(
        update(OutboundMessage)
        .where(held_by(message.id, worker))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


async def release(
    *,
    session: AsyncSession,
    message: OutboundMessage,
    worker: str,
    due_at: datetime,
    note: str | None = None,
) -> bool:
    """Give the row back unsent (nothing went to Telegram), due again at `due_at`."""
    return await _write(
        session, message, worker, due_at=due_at, lease_until=None, leased_by=None, error=note
    )


async def cancel(*, session: AsyncSession, message: OutboundMessage, worker: str, why: str) -> bool:
    return await _write(
        session,
        message,
        worker,
        state=OutboxState.cancelled,
        lease_until=None,
        sending_at=None,
        error=why,
    )


async def record_outcome(
    *,
    session: AsyncSession,
    now: datetime,
    message: OutboundMessage,
    worker: str,
    outcome: Outcome,
    policy: RetryPolicy,
    jitter: float,
    wall: float | None = None,
) -> str:
    """Apply Telegram's answer to the row; returns a one-word label for the job's log line.

    `message.attempts` counts this send already (models/outbox/last_look.py); `wall` is the
    send pace's clock (seconds since the epoch), by default `now`.
    """
    done = {"lease_until": None, "sending_at": None}
    if isinstance(outcome, Delivered):
        written = await _write(
            session,
            message,
            worker,
            state=OutboxState.sent,
            sent_at=now,
            telegram_message_id=outcome.telegram_message_id,
            error=None,
            **done,
        )
        return "sent" if written else "sent_after_lease_lost"
    if isinstance(outcome, RateLimited):
        # Telegram took nothing: not an attempt. The sender keeps the row and sends it
        # once the pause every sender now sees is over.
        await hold_back(
            session=session,
            now=now.timestamp() if wall is None else wall,
            seconds=outcome.retry_after,
        )
        await _write(
            session,
            message,
            worker,
            sending_at=None,
            attempts=OutboundMessage.attempts - 1,
            error=f"429: retry after {outcome.retry_after:g}s",
        )
        return "rate_limited"
    if isinstance(outcome, TryAgain | Uncertain):
        uncertain = isinstance(outcome, Uncertain)
        reason = f"uncertain: {outcome.reason}" if uncertain else outcome.reason
        counted = {"uncertain_sends": OutboundMessage.uncertain_sends + 1} if uncertain else {}
        if message.attempts >= policy.max_attempts:
            await _write(
                session,
                message,
                worker,
                state=OutboxState.failed,
                error=f"gave up after {message.attempts} attempts: {reason}"[:500],
                **done,
                **counted,
            )
            await _tell_coordinator(
                session, now, message, NudgeKind.delivery_failed, f"Telegram kept failing: {reason}"
            )
            return "gave_up_uncertain" if uncertain else "gave_up"
        await _write(
            session,
            message,
            worker,
            due_at=now + policy.backoff(message.attempts, jitter),
            leased_by=None,
            error=reason[:500],
            **done,
            **counted,
        )
        return "uncertain" if uncertain else "retry"
    if isinstance(outcome, Refused):
        await _write(
            session, message, worker, state=OutboxState.failed, error=outcome.reason[:500], **done
        )
        await _tell_coordinator(
            session,
            now,
            message,
            NudgeKind.delivery_failed,
            f"Telegram refused a message: {outcome.reason}",
        )
        return "refused"
    await _write(
        session,
        message,
        worker,
        state=OutboxState.failed,
        error=f"blocked: {outcome.reason}"[:500],
        **done,
    )
    await _mark_unreachable(session, now, message)
    return "blocked"


async def _mark_unreachable(session: AsyncSession, now: datetime, message: OutboundMessage) -> None:
    """They blocked the bot: the young person's own rule (young_people.controls) follows."""
    if message.young_person_id is None:
        return
    person = await session.get(YoungPerson, message.young_person_id)
    if person is not None:
        await mark_unreachable(session=session, now=now, young_person=person)


async def _tell_coordinator(
    session: AsyncSession, now: datetime, message: OutboundMessage, kind: NudgeKind, detail: str
) -> None:
    # Only a young person's message is worth a nudge: a failed nudge to a coordinator would
    # only make another message to the same chat, and the API shows every nudge anyway.
    if message.young_person_id is None:
        return
    person = await session.get(YoungPerson, message.young_person_id)
    if person is None:
        return
    await raise_nudge(
        session=session,
        now=now,
        kind=kind,
        young_person=person,
        detail=f"{message.kind} #{message.id}: {detail}"[:1000],
    )
