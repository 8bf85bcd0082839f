"""Referrals: the pipeline (filter, sort, page), new referrals, and moves along the journey."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BeforeValidator, Field
from sqlalchemy import select

from api.deps import Audit, Caseworker, Now, ReferralId, SessionDep
from api.openapi import Responses
from api.pagination import CursorQuery, PageLimit, decode_cursor, encode_cursor
from api.problems import ApiError
from api.schemas.common import PlainId, plain_id
from api.schemas.referrals import (
    ReferralCreate,
    ReferralDetailRead,
    ReferralMoveCreate,
    ReferralPage,
    ReferralRead,
    TransitionRead,
)
from api.views import referral_read
from models.core.enums import Priority, ReferralSource, ReferralStatus
from models.referrals.intake import create_referral
from models.referrals.moving import MoveDetailsError, NotYourMoveError, move_as
from models.referrals.referral import Referral, ReferralTransition
from models.staff.organisation import Organisation
from models.young_people.caseload import (
    reach_condition,
    reachable_referral,
    reachable_young_person,
)
from models.young_people.young_person import YoungPerson

router = APIRouter(prefix="/referrals", tags=["referrals"])
NOT_FOUND: Responses = {404: {"description": "No such referral in your reach"}}
Sort = Literal["received_at", "-received_at", "status_changed_at", "-status_changed_at"]


@router.get("", summary="The referral pipeline", response_model=ReferralPage)
async def list_referrals(
    session: SessionDep,
    user: Caseworker,
    audit: Audit,
    now: Now,
    status: Annotated[list[ReferralStatus] | None, Query(max_length=11)] = None,
    priority: Priority | None = None,
    source: ReferralSource | None = None,
    coordinator_id: Annotated[PlainId | None, Query()] = None,
    waiting_days: Annotated[
        Annotated[int, Field(ge=0, le=3650), BeforeValidator(plain_id)] | None,
        Query(description="Only those in their current status longer than N days"),
    ] = None,
    sort: Sort = "-received_at",
    limit: Annotated[PageLimit, Query()] = 50,
    cursor: CursorQuery = None,
) -> ReferralPage:
    """Filter by status (repeatable), priority, source, coordinator, or time waiting; sort; page."""
    column = (
        Referral.status_changed_at
        if sort.lstrip("-") == "status_changed_at"
        else Referral.received_at
    )
    descending = sort.startswith("-")
    query = (
        select(Referral)
        .join(YoungPerson, YoungPerson.id == Referral.young_person_id)
        .where(reach_condition(user))
    )
    if status:
        query = query.where(Referral.status.in_(status))
    if priority is not None:
        query = query.where(Referral.priority == priority)
    if source is not None:
        query = query.where(Referral.source == source)
    if coordinator_id is not None:
        query = query.where(YoungPerson.coordinator_id == coordinator_id)
    if waiting_days is not None:
        query = query.where(Referral.status_changed_at < now - timedelta(days=waiting_days))
    if cursor:
        moment, last_id = decode_cursor(cursor, (datetime, int))
        if descending:
            query = query.where((column < moment) | ((column == moment) & (Referral.id < last_id)))
        else:
            query = query.where((column > moment) | ((column == moment) & (Referral.id > last_id)))
    order = (column.desc(), Referral.id.desc()) if descending else (column.asc(), Referral.id.asc())
    rows = list(await session.scalars(query.order_by(*order).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    for referral in rows:
        audit("read", "referral", referral.id, referral.young_person_id)
    await session.commit()
    last = rows[-1] if rows else None
    next_cursor = None
    if more and last is not None:
        key = last.status_changed_at if column is Referral.status_changed_at else last.received_at
        next_cursor = encode_cursor(key, last.id)
    return ReferralPage(items=[referral_read(r) for r in rows], next_cursor=next_cursor)


@router.post(
    "",
    summary="Refer a young person (for a social worker)",
    response_model=ReferralRead,
    status_code=201,
    responses={404: {"description": "No such young person in your reach"}},
)
async def create(
    body: ReferralCreate, session: SessionDep, user: Caseworker, audit: Audit, now: Now
) -> ReferralRead:
    """Recorded as `received`, with the council's eligibility rule worked out for you."""
    person = await reachable_young_person(
        session=session, user=user, young_person_id=body.young_person_id
    )
    organisation = await session.get_one(Organisation, user.organisation_id)
    referral = await create_referral(
        session=session,
        now=now,
        organisation=organisation,
        young_person=person,
        source=ReferralSource(body.source),
        priority=body.priority,
        referrer_name=body.referrer_name,
        referrer_contact=body.referrer_contact,
        by_user_id=user.id,
    )
    audit("create", "referral", referral.id, person.id)
    await session.commit()
    return referral_read(referral)


async def _detail(session: SessionDep, referral: Referral) -> ReferralDetailRead:
    transitions = await session.scalars(
        select(ReferralTransition)
        .where(ReferralTransition.referral_id == referral.id)
        .order_by(ReferralTransition.at, ReferralTransition.id)
    )
    return ReferralDetailRead(
        **referral_read(referral).model_dump(),
        transitions=[TransitionRead.model_validate(t) for t in transitions],
    )


@router.get(
    "/{referral_id}",
    summary="One referral and its journey",
    response_model=ReferralDetailRead,
    responses=NOT_FOUND,
)
async def read(
    referral_id: ReferralId, session: SessionDep, user: Caseworker, audit: Audit
) -> ReferralDetailRead:
    """Every move it made, with who, when and why."""
    referral, person = await reachable_referral(session=session, user=user, referral_id=referral_id)
    audit("read", "referral", referral.id, person.id)
    detail = await _detail(session, referral)
    await session.commit()
    return detail


@router.post(
    "/{referral_id}/moves",
    summary="Move a referral along the journey",
    response_model=ReferralDetailRead,
    status_code=201,
    responses={
        **NOT_FOUND,
        403: {"description": "Accept, decline and allocate are a manager's"},
        409: {"description": "An illegal move (names both states), or a missing consent"},
    },
)
async def move(
    referral_id: ReferralId,
    body: ReferralMoveCreate,
    session: SessionDep,
    user: Caseworker,
    audit: Audit,
    now: Now,
) -> ReferralDetailRead:
    """Accept, decline, allocate, planning held, searching, conference planned, opted out,
    withdrawn, closed. `sustaining` is reached by recording the conference as held."""
    referral, person = await reachable_referral(session=session, user=user, referral_id=referral_id)
    try:
        await move_as(
            session=session,
            now=now,
            user=user,
            referral=referral,
            young_person=person,
            to=ReferralStatus(body.to),
            reason=body.reason,
            reason_code=body.reason_code,
            coordinator_id=body.coordinator_id,
        )
    except NotYourMoveError as refused:
        raise ApiError(403, str(refused)) from None
    except MoveDetailsError as refused:
        raise ApiError(422, f"body.{refused.field}: {refused}") from None
    audit("move", "referral", referral.id, person.id)
    detail = await _detail(session, referral)
    await session.commit()
    return detail
