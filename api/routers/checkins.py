"""Check-ins: a young person's schedule and answers; add, move or cancel one."""

from __future__ import annotations

from collections import defaultdict

from fastapi import APIRouter
from sqlalchemy import select

from api.deps import Audit, Caseworker, CheckInId, Now, SessionDep, YoungPersonId
from api.openapi import Responses
from api.schemas.checkins import CheckInCreate, CheckInPage, CheckInRead, CheckInUpdate
from api.views import checkin_read
from models.checkins.checkin import CheckIn, CheckInAnswer
from models.checkins.schedule import add_checkin, cancel_checkin, move_checkin
from models.young_people.caseload import reachable_record, reachable_young_person

router = APIRouter(tags=["check-ins"])
NOT_FOUND: Responses = {404: {"description": "No such young person or check-in in your reach"}}
CONFLICT: Responses = {409: {"description": "Only a scheduled check-in can be moved or cancelled"}}


async def _answers(session: SessionDep, ids: list[int]) -> dict[int, list[CheckInAnswer]]:
    grouped: dict[int, list[CheckInAnswer]] = defaultdict(list)
    if ids:
        rows = await session.scalars(
            select(CheckInAnswer)
            .where(CheckInAnswer.check_in_id.in_(ids))
            .order_by(CheckInAnswer.id)
        )
        for answer in rows:
            grouped[answer.check_in_id].append(answer)
    return grouped


@router.get(
    "/young-people/{young_person_id}/check-ins",
    summary="Their check-ins and answers",
    response_model=CheckInPage,
    responses=NOT_FOUND,
)
async def list_checkins(
    young_person_id: YoungPersonId, session: SessionDep, user: Caseworker, audit: Audit
) -> CheckInPage:
    person = await reachable_young_person(
        session=session, user=user, young_person_id=young_person_id
    )
    checkins = list(
        await session.scalars(
            select(CheckIn)
            .where(CheckIn.young_person_id == person.id)
            .order_by(CheckIn.due_at, CheckIn.id)
        )
    )
    answers = await _answers(session, [c.id for c in checkins])
    for checkin in checkins:
        audit("read", "check_in", checkin.id, person.id)
    await session.commit()
    return CheckInPage(items=[checkin_read(c, answers[c.id]) for c in checkins])


@router.post(
    "/young-people/{young_person_id}/check-ins",
    summary="Add a check-in",
    response_model=CheckInRead,
    status_code=201,
    responses={**NOT_FOUND, **CONFLICT},
)
async def create_checkin(
    young_person_id: YoungPersonId,
    body: CheckInCreate,
    session: SessionDep,
    user: Caseworker,
    audit: Audit,
    now: Now,
) -> CheckInRead:
    """An extra check-in, due in the future (quiet hours still apply when it is sent)."""
    person = await reachable_young_person(
        session=session, user=user, young_person_id=young_person_id
    )
    checkin = await add_checkin(
        session=session, now=now, young_person=person, due_at=body.due_at, label=body.label
    )
    audit("create", "check_in", checkin.id, person.id)
    await session.commit()
    return checkin_read(checkin)


@router.get(
    "/check-ins/{check_in_id}",
    summary="One check-in",
    response_model=CheckInRead,
    responses=NOT_FOUND,
)
async def read_checkin(
    check_in_id: CheckInId, session: SessionDep, user: Caseworker, audit: Audit
) -> CheckInRead:
    checkin, person = await reachable_record(
        session=session, user=user, model=CheckIn, record_id=check_in_id
    )
    answers = await _answers(session, [checkin.id])
    audit("read", "check_in", checkin.id, person.id)
    await session.commit()
    return checkin_read(checkin, answers[checkin.id])


@router.patch(
    "/check-ins/{check_in_id}",
    summary="Move a check-in",
    response_model=CheckInRead,
    responses={**NOT_FOUND, **CONFLICT},
)
async def update_checkin(
    check_in_id: CheckInId,
    body: CheckInUpdate,
    session: SessionDep,
    user: Caseworker,
    audit: Audit,
    now: Now,
) -> CheckInRead:
    checkin, person = await reachable_record(
        session=session, user=user, model=CheckIn, record_id=check_in_id
    )
    move_checkin(checkin=checkin, due_at=body.due_at, now=now)
    audit("update", "check_in", checkin.id, person.id)
    await session.commit()
    return checkin_read(checkin)


@router.post(
    "/check-ins/{check_in_id}/cancel",
    summary="Cancel a check-in",
    response_model=CheckInRead,
    responses={**NOT_FOUND, **CONFLICT},
)
async def cancel(
    check_in_id: CheckInId, session: SessionDep, user: Caseworker, audit: Audit
) -> CheckInRead:
    checkin, person = await reachable_record(
        session=session, user=user, model=CheckIn, record_id=check_in_id
    )
    cancel_checkin(checkin=checkin)
    audit("update", "check_in", checkin.id, person.id)
    await session.commit()
    return checkin_read(checkin)
