"""A person moving a referral along the journey: who may make which move, and what each move
needs, in the order a person should hear it (the move itself first, then what is missing).

The API's `POST /v1/referrals/{id}/moves` and the workspace's referrals board both call
`move_as`, so a refused move reads the same from both.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from models.core.enums import ActorKind, ReferralStatus, Role
from models.referrals.journey import IllegalMoveError, allowed_targets, move_referral
from models.referrals.referral import Referral
from models.staff.user import User
from models.young_people.caseload import coordinator_in_org
from models.young_people.consent import NEEDED_FOR_MOVE, require_consents
from models.young_people.young_person import YoungPerson

# Triage and allocation are the team manager's.
MANAGER_MOVES = frozenset(
    {ReferralStatus.accepted, ReferralStatus.declined, ReferralStatus.allocated}
)


class NotYourMoveError(PermissionError):
    """This move is another role's decision (the API answers 403)."""

    def __init__(self, target: ReferralStatus) -> None:
        self.target = target
        super().__init__(f"moving a referral to '{target.value}' is a manager's decision")


class MoveDetailsError(ValueError):
    """The move is missing a detail or has one it must not; `field` names it (422)."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


async def move_as(
    *,
    session: AsyncSession,
    now: datetime,
    user: User,
    referral: Referral,
    young_person: YoungPerson,
    to: ReferralStatus,
    reason: str | None = None,
    reason_code: str | None = None,
    coordinator_id: int | None = None,
) -> None:
    if to in MANAGER_MOVES and user.role != Role.manager:
        raise NotYourMoveError(to)
    if to == ReferralStatus.allocated and coordinator_id is None:
        raise MoveDetailsError("coordinator_id", "allocating needs the coordinator's id")
    if to != ReferralStatus.allocated and coordinator_id is not None:
        raise MoveDetailsError("coordinator_id", "only an allocation names a coordinator")
    if referral.status != ReferralStatus.opted_out and to not in allowed_targets(referral.status):
        # Said before any missing consent: the move itself is the first thing wrong.
        raise IllegalMoveError(referral.status, to)
    if to in NEEDED_FOR_MOVE:
        await require_consents(
            session=session,
            now=now,
            young_person=young_person,
            kinds=NEEDED_FOR_MOVE[to],
            purpose=f"moving to '{to.value}'",
        )
    coordinator = None
    if coordinator_id is not None:
        coordinator = await coordinator_in_org(
            session=session, organisation_id=user.organisation_id, user_id=coordinator_id
        )
    await move_referral(
        session=session,
        referral=referral,
        to=to,
        now=now,
        by_kind=ActorKind.user,
        by_user_id=user.id,
        reason=reason,
        reason_code=reason_code,
    )
    if coordinator is not None:
        young_person.coordinator_id = coordinator.id
