"""Measures a coordinator records: network size, SDQ total difficulties, placement moves."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from api.deps import Audit, Caseworker, Now, SessionDep, YoungPersonId
from api.openapi import Responses
from api.schemas.measures import MeasureCreate, MeasurePage, MeasureRead
from models.young_people.caseload import reachable_young_person
from models.young_people.measures import Measure

router = APIRouter(tags=["measures"])
NOT_FOUND: Responses = {404: {"description": "No such young person in your reach"}}


@router.get(
    "/young-people/{young_person_id}/measures",
    summary="Their measures over time",
    response_model=MeasurePage,
    responses=NOT_FOUND,
)
async def list_measures(
    young_person_id: YoungPersonId, session: SessionDep, user: Caseworker, audit: Audit
) -> MeasurePage:
    person = await reachable_young_person(
        session=session, user=user, young_person_id=young_person_id
    )
    rows = await session.scalars(
        select(Measure)
        .where(Measure.young_person_id == person.id)
        .order_by(Measure.recorded_on, Measure.id)
    )
    items = [MeasureRead.model_validate(m) for m in rows]
    audit("read", "measure", None, person.id)
    await session.commit()
    return MeasurePage(items=items)


@router.post(
    "/young-people/{young_person_id}/measures",
    summary="Record a measure",
    response_model=MeasureRead,
    status_code=201,
    responses=NOT_FOUND,
)
async def create_measure(
    young_person_id: YoungPersonId,
    body: MeasureCreate,
    session: SessionDep,
    user: Caseworker,
    audit: Audit,
    now: Now,
) -> MeasureRead:
    """The SDQ score is entered from the validated questionnaire; the bot never asks it."""
    person = await reachable_young_person(
        session=session, user=user, young_person_id=young_person_id
    )
    measure = Measure(
        organisation_id=person.organisation_id,
        young_person_id=person.id,
        kind=body.kind,
        value=body.value,
        recorded_on=body.recorded_on,
        recorded_by=user.id,
        created_at=now,
    )
    session.add(measure)
    await session.flush()
    audit("create", "measure", measure.id, person.id)
    await session.commit()
    return MeasureRead.model_validate(measure)
