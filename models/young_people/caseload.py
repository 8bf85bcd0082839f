"""Who may see which young person: a coordinator their own caseload, a manager their council.

Admins run accounts and the audit trail, not casework, so they see no young person. Anything
out of reach raises NotFoundError, exactly like something that does not exist.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select, select, true, union
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from models.core.enums import Role
from models.core.scoping import NotFoundError, get_in_org
from models.nudges.nudge import Nudge
from models.referrals.referral import Referral
from models.staff.user import User
from models.young_people.young_person import YoungPerson

T = TypeVar("T")

CASEWORK_ROLES = frozenset({Role.coordinator, Role.manager})


def reach_condition(user: User) -> ColumnElement[bool]:
    """A WHERE clause on YoungPerson limiting it to what `user` may see."""
    in_org = YoungPerson.organisation_id == user.organisation_id
    if user.role == Role.manager:
        return in_org
    if user.role == Role.coordinator:
        return in_org & (YoungPerson.coordinator_id == user.id)
    return ~true()


def caseload(user: User) -> Select[YoungPerson]:
    return select(YoungPerson).where(reach_condition(user))


def visible_nudges(user: User) -> Select[Nudge]:
    """A coordinator's (raised to them, or about their young people); a manager's council's.

    A coordinator's are found as two small sets of ids (each through its own index), not as
    one OR across a join: that OR made PostgreSQL read every nudge of the council and every
    young person in the country (bench/api.py: 94 ms at 150,000 young people, growing).
    """
    query = select(Nudge).where(Nudge.organisation_id == user.organisation_id)
    if user.role == Role.manager:
        return query
    if user.role == Role.coordinator:
        theirs = union(
            select(Nudge.id).where(Nudge.coordinator_id == user.id),
            select(Nudge.id)
            .join(YoungPerson, YoungPerson.id == Nudge.young_person_id)
            .where(
                YoungPerson.organisation_id == user.organisation_id,
                YoungPerson.coordinator_id == user.id,
            ),
        )
        return query.where(Nudge.id.in_(theirs))
    return query.where(~true())


def can_see(user: User, young_person: YoungPerson) -> bool:
    if young_person.organisation_id != user.organisation_id:
        return False
    if user.role == Role.manager:
        return True
    return user.role == Role.coordinator and young_person.coordinator_id == user.id


async def reachable_young_person(
    *, session: AsyncSession, user: User, young_person_id: int
) -> YoungPerson:
    person = await get_in_org(session, YoungPerson, young_person_id, user.organisation_id)
    if not can_see(user, person):
        raise NotFoundError("YoungPerson", young_person_id)
    return person


async def reachable_record(
    *, session: AsyncSession, user: User, model: type[T], record_id: int
) -> tuple[T, YoungPerson]:
    """A record that hangs off a young person (young_person_id), if its young person is in reach."""
    record = await get_in_org(session, model, record_id, user.organisation_id)
    young_person_id: Any = record.young_person_id  # type: ignore[attr-defined]
    person = await session.get(YoungPerson, young_person_id)
    if person is None or not can_see(user, person):
        raise NotFoundError(model.__name__, record_id)
    return record, person


async def reachable_referral(
    *, session: AsyncSession, user: User, referral_id: int
) -> tuple[Referral, YoungPerson]:
    return await reachable_record(session=session, user=user, model=Referral, record_id=referral_id)


class NotACoordinatorError(ValueError):
    pass


async def coordinator_in_org(*, session: AsyncSession, organisation_id: int, user_id: int) -> User:
    """An active coordinator (or manager, who may hold cases) of this organisation."""
    user = await session.get(User, user_id)
    if (
        user is None
        or user.organisation_id != organisation_id
        or user.role not in CASEWORK_ROLES
        or not user.is_active
    ):
        raise NotACoordinatorError(f"no active coordinator {user_id} in your organisation")
    return user


async def reachable_nudge(*, session: AsyncSession, user: User, nudge_id: int) -> Nudge:
    nudge = await session.scalar(visible_nudges(user).where(Nudge.id == nudge_id))
    if nudge is None:
        raise NotFoundError("Nudge", nudge_id)
    return nudge
