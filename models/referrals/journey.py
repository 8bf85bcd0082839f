"""The referral journey as an explicit state machine: every move recorded with who, when, why.

A person's move goes through `models.referrals.moving.move_as` (who may make which move,
what it needs); the rules that move a referral on their own (holding a meeting) call
`move_referral` here.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models.core.enums import ActorKind, ReferralStatus
from models.referrals.referral import Referral, ReferralTransition

S = ReferralStatus

# Where each state may go next. opted_out returns only to where it left from (checked below).
_FORWARD: dict[ReferralStatus, frozenset[ReferralStatus]] = {
    S.received: frozenset({S.accepted, S.declined}),
    S.accepted: frozenset({S.allocated}),
    S.allocated: frozenset({S.planning}),
    S.planning: frozenset({S.searching}),
    S.searching: frozenset({S.conference_planned}),
    S.conference_planned: frozenset({S.sustaining, S.searching}),
    S.sustaining: frozenset({S.closed}),
    S.closed: frozenset(),
    S.declined: frozenset(),
    S.withdrawn: frozenset(),
    S.opted_out: frozenset({S.closed}),
}
# The open part of the journey, in the order a referral goes through it.
OPEN_IN_ORDER = (
    S.received,
    S.accepted,
    S.allocated,
    S.planning,
    S.searching,
    S.conference_planned,
    S.sustaining,
)
OPEN_STATES = frozenset(OPEN_IN_ORDER)
TERMINAL_STATES = frozenset({S.closed, S.declined, S.withdrawn})
REASON_REQUIRED = frozenset({S.declined, S.withdrawn})
# States reached only through their own rule (holding a conference), never by a bare move.
RULE_ONLY = frozenset({S.sustaining})


class IllegalMoveError(Exception):
    """A move the journey does not allow; names both states so a person can act on it."""

    def __init__(self, current: ReferralStatus, target: ReferralStatus, why: str = "") -> None:
        self.current = current
        self.target = target
        message = f"a referral cannot move from '{current.value}' to '{target.value}'"
        self.why = why
        super().__init__(f"{message}: {why}" if why else message)


class ReasonRequiredError(ValueError):
    def __init__(self, target: ReferralStatus) -> None:
        self.target = target
        super().__init__(f"moving a referral to '{target.value}' needs a reason")


def allowed_targets(status: ReferralStatus) -> frozenset[ReferralStatus]:
    """Every status a referral in `status` may move to (opted_out's return is checked later)."""
    targets = set(_FORWARD[status])
    if status in OPEN_STATES:
        targets |= {S.withdrawn, S.opted_out}
    return frozenset(targets)


async def _status_before_opt_out(
    session: AsyncSession, referral: Referral
) -> ReferralStatus | None:
    row = await session.scalar(
        select(ReferralTransition.from_status)
        .where(
            ReferralTransition.referral_id == referral.id,
            ReferralTransition.to_status == S.opted_out,
        )
        .order_by(ReferralTransition.id.desc())
        .limit(1)
    )
    return row


async def move_referral(
    *,
    session: AsyncSession,
    referral: Referral,
    to: ReferralStatus,
    now: datetime,
    by_kind: ActorKind,
    by_user_id: int | None = None,
    reason: str | None = None,
    reason_code: str | None = None,
    via_rule: bool = False,
) -> ReferralTransition:
    """Move `referral` to `to`, or raise IllegalMoveError naming both states."""
    current = referral.status
    if to == current:
        raise IllegalMoveError(current, to, "it is already there")
    if to in RULE_ONLY and not via_rule:
        raise IllegalMoveError(current, to, "record the conference as held instead")
    legal = to in allowed_targets(current)
    if current == S.opted_out and to != S.closed:
        came_from = await _status_before_opt_out(session, referral)
        legal = came_from is not None and to == came_from
        if not legal:
            where = came_from.value if came_from else "unknown"
            raise IllegalMoveError(
                current, to, f"a young person who comes back returns to '{where}'"
            )
    if not legal:
        raise IllegalMoveError(current, to)
    if to in REASON_REQUIRED and not (reason and reason.strip()):
        raise ReasonRequiredError(to)
    transition = ReferralTransition(
        organisation_id=referral.organisation_id,
        referral_id=referral.id,
        from_status=current,
        to_status=to,
        at=now,
        by_kind=by_kind,
        by_user_id=by_user_id,
        reason=reason,
        reason_code=reason_code,
    )
    session.add(transition)
    referral.status = to
    referral.status_changed_at = now
    await session.flush()
    return transition
