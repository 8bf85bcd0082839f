"""Nudges: mine (or my team's, for a manager); acknowledge and resolve them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import Audit, Caseworker, Now, NudgeId, SessionDep
from api.openapi import Responses
from api.pagination import CursorQuery, PageLimit, decode_cursor, encode_cursor
from api.schemas.nudges import NudgePage, NudgeRead
from api.views import nudge_read
from models.core.enums import NudgeState, Urgency
from models.nudges.nudge import Nudge
from models.nudges.raising import acknowledge_nudge, resolve_nudge
from models.young_people.caseload import reachable_nudge, visible_nudges

router = APIRouter(prefix="/nudges", tags=["nudges"])
NOT_FOUND: Responses = {404: {"description": "No such nudge in your reach"}}


@router.get("", summary="My nudges (my team's, for a manager)", response_model=NudgePage)
async def list_nudges(
    session: SessionDep,
    user: Caseworker,
    audit: Audit,
    state: Annotated[list[NudgeState] | None, Query(max_length=3)] = None,
    urgency: Urgency | None = None,
    limit: Annotated[PageLimit, Query()] = 50,
    cursor: CursorQuery = None,
) -> NudgePage:
    """Open and acknowledged by default; newest first."""
    states = state or [NudgeState.open, NudgeState.acknowledged]
    query = visible_nudges(user).where(Nudge.state.in_(states))
    if urgency is not None:
        query = query.where(Nudge.urgency == urgency)
    if cursor:
        (before,) = decode_cursor(cursor, (int,))
        query = query.where(Nudge.id < before)
    rows = list(await session.scalars(query.order_by(Nudge.id.desc()).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    for nudge in rows:
        audit("read", "nudge", nudge.id, nudge.young_person_id)
    await session.commit()
    return NudgePage(
        items=[nudge_read(n) for n in rows],
        next_cursor=encode_cursor(rows[-1].id) if more else None,
    )


@router.post(
    "/{nudge_id}/acknowledge",
    summary="Acknowledge a nudge",
    response_model=NudgeRead,
    responses=NOT_FOUND,
)
async def acknowledge(
    nudge_id: NudgeId, session: SessionDep, user: Caseworker, audit: Audit, now: Now
) -> NudgeRead:
    """Seen, and being dealt with."""
    nudge = await reachable_nudge(session=session, user=user, nudge_id=nudge_id)
    acknowledge_nudge(nudge=nudge, by_user_id=user.id, now=now)
    audit("update", "nudge", nudge.id, nudge.young_person_id)
    await session.commit()
    return nudge_read(nudge)


@router.post(
    "/{nudge_id}/resolve", summary="Resolve a nudge", response_model=NudgeRead, responses=NOT_FOUND
)
async def resolve(
    nudge_id: NudgeId, session: SessionDep, user: Caseworker, audit: Audit, now: Now
) -> NudgeRead:
    """Only a person closes a nudge (a concern included); nothing the young person types can."""
    nudge = await reachable_nudge(session=session, user=user, nudge_id=nudge_id)
    resolve_nudge(nudge=nudge, by_user_id=user.id, now=now)
    audit("update", "nudge", nudge.id, nudge.young_person_id)
    await session.commit()
    return nudge_read(nudge)
