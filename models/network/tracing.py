"""A young person's network: adding people, and each person's way to being in the circle.

Found is not shown: only `agreed` people (safety-checked and willing) and those the young
person named themselves ever reach the bot. `agreed` is reached only after a safety check.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.core.db import add_now
from models.core.enums import Closeness, ConnectionCategory, ConnectionStatus, NamedBy
from models.meetings.meeting import Commitment
from models.network.connection import Connection
from models.young_people.young_person import YoungPerson, about_young_person

C = ConnectionStatus
_LEAVING = frozenset({C.declined, C.unsafe, C.ended})
_MOVES: dict[ConnectionStatus, frozenset[ConnectionStatus]] = {
    C.named: frozenset({C.located, C.contacted}) | _LEAVING,
    C.located: frozenset({C.contacted}) | _LEAVING,
    C.contacted: frozenset({C.safety_checked}) | _LEAVING,
    C.safety_checked: frozenset({C.agreed}) | _LEAVING,
    C.agreed: frozenset({C.declined, C.unsafe, C.ended}),
    # People change their minds: someone who said no may be contacted again.
    C.declined: frozenset({C.contacted, C.ended}),
    C.unsafe: frozenset({C.ended}),
    C.ended: frozenset(),
}


class ConnectionMoveError(Exception):
    def __init__(self, current: ConnectionStatus, target: ConnectionStatus) -> None:
        self.current = current
        self.target = target
        allowed = ", ".join(sorted(s.value for s in _MOVES[current])) or "nothing"
        super().__init__(
            f"a connection cannot move from '{current.value}' to '{target.value}'"
            f" (from '{current.value}' it may move to: {allowed})"
        )


class ConnectionInUseError(Exception):
    pass


def allowed_connection_moves(status: ConnectionStatus) -> frozenset[ConnectionStatus]:
    return _MOVES[status]


async def add_connection(
    *,
    session: AsyncSession,
    now: datetime,
    young_person: YoungPerson,
    name: str,
    relationship_label: str,
    category: ConnectionCategory,
    named_by: NamedBy,
    closeness: Closeness = Closeness.middle,
    in_touch: bool | None = None,
    wants_contact: bool | None = None,
    birthday: date | None = None,
    contact_details: str | None = None,
    safety_concern: bool = False,
    safety_note: str | None = None,
    coordinator_note: str | None = None,
) -> Connection:
    connection = Connection(
        **about_young_person(young_person),
        name=name.strip(),
        relationship_label=relationship_label.strip(),
        category=category,
        named_by=named_by,
        closeness=closeness,
        in_touch=in_touch,
        wants_contact=wants_contact,
        birthday=birthday,
        contact_details=contact_details,
        safety_concern=safety_concern or bool(safety_note),
        safety_note=safety_note,
        coordinator_note=coordinator_note,
        status=C.named,
        status_changed_at=now,
        created_at=now,
    )
    return await add_now(session, connection)


def move_connection(*, connection: Connection, to: ConnectionStatus, now: datetime) -> None:
    if to == connection.status:
        return
    if to not in _MOVES[connection.status]:
        raise ConnectionMoveError(connection.status, to)
    connection.status = to
    connection.status_changed_at = now
    if to == C.unsafe:
        connection.safety_concern = True


def set_safety(*, connection: Connection, concern: bool, note: str | None) -> None:
    """A note needs the flag; clearing the flag clears the note."""
    connection.safety_concern = concern or bool(note)
    connection.safety_note = note if connection.safety_concern else None


async def remove_connection(*, session: AsyncSession, connection: Connection) -> None:
    """Only a person entered by mistake is removed; one in the plan is `ended` instead."""
    in_plan = await session.scalar(
        select(func.count()).where(Commitment.connection_id == connection.id)
    )
    if in_plan:
        raise ConnectionInUseError(
            "this person has commitments in the conference plan: set their status to 'ended'"
        )
    await session.delete(connection)
    await session.flush()


async def network_of(*, session: AsyncSession, young_person_id: int) -> list[Connection]:
    rows = await session.scalars(
        select(Connection)
        .where(Connection.young_person_id == young_person_id)
        .order_by(Connection.id)
    )
    return list(rows)
