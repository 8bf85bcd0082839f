"""The referrals board: the journey as columns, each referral with how long it has waited in
its current status, most urgent and longest waiting first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.core.enums import Priority, ReferralStatus, Role
from models.referrals.journey import OPEN_IN_ORDER
from models.referrals.referral import Referral
from models.staff.user import User
from models.young_people.caseload import reach_condition
from models.young_people.young_person import YoungPerson

# The open journey in order, then those who opted out (they may come back).
COLUMNS = (*OPEN_IN_ORDER, ReferralStatus.opted_out)
PER_COLUMN = 50


@dataclass(frozen=True)
class BoardCard:
    referral_id: int
    young_person_id: int
    preferred_name: str
    priority: Priority
    status: ReferralStatus
    waiting_days: int


async def referral_board(
    *, session: AsyncSession, now: datetime, user: User
) -> dict[ReferralStatus, list[BoardCard]]:
    urgent_first = case((Referral.priority == Priority.urgent, 0), else_=1)
    board: dict[ReferralStatus, list[BoardCard]] = {}
    for status in COLUMNS:
        rows = await session.execute(
            select(
                Referral.id,
                Referral.young_person_id,
                YoungPerson.preferred_name,
                Referral.priority,
                Referral.status_changed_at,
            )
            .join(YoungPerson, YoungPerson.id == Referral.young_person_id)
            .where(reach_condition(user), Referral.status == status)
            .order_by(urgent_first, Referral.status_changed_at, Referral.id)
            .limit(PER_COLUMN)
        )
        board[status] = [
            BoardCard(rid, ypid, name, priority, status, max((now - changed).days, 0))
            for rid, ypid, name, priority, changed in rows
        ]
    return board


def set_priority(*, referral: Referral, priority: Priority) -> None:
    """Triage decides urgency; it can be changed while the referral is open."""
    referral.priority = priority


async def coordinators_of(*, session: AsyncSession, organisation_id: int) -> list[User]:
    """Who a manager may allocate to: the council's active coordinators, by name."""
    rows = await session.scalars(
        select(User)
        .where(
            User.organisation_id == organisation_id,
            User.role == Role.coordinator,
            User.disabled_at.is_(None),
        )
        .order_by(User.display_name)
    )
    return list(rows)
