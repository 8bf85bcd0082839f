"""Meetings (planning, conference, review) and the conference plan's commitments."""

from __future__ import annotations

from fastapi import APIRouter, Response
from sqlalchemy import select

from api.deps import Audit, Caseworker, CommitmentId, MeetingId, Now, SessionDep, YoungPersonId
from api.openapi import Responses
from api.schemas.meetings import (
    CommitmentCreate,
    CommitmentPage,
    CommitmentRead,
    MeetingCreate,
    MeetingHeldCreate,
    MeetingHeldRead,
    MeetingPage,
    MeetingRead,
    MeetingUpdate,
)
from api.views import attendees_text, checkin_read, meeting_read
from models.meetings.arranging import (
    add_commitment,
    cancel_meeting,
    hold_meeting,
    reschedule_meeting,
    schedule_meeting,
)
from models.meetings.meeting import Commitment, Meeting
from models.young_people.caseload import reachable_record, reachable_young_person

router = APIRouter(tags=["meetings and plan"])
NOT_FOUND: Responses = {404: {"description": "No such young person or meeting in your reach"}}
CONFLICT: Responses = {
    409: {"description": "Already held or cancelled, or the referral is not ready"}
}


@router.get(
    "/young-people/{young_person_id}/meetings",
    summary="Their meetings",
    response_model=MeetingPage,
    responses=NOT_FOUND,
)
async def list_meetings(
    young_person_id: YoungPersonId, session: SessionDep, user: Caseworker, audit: Audit
) -> MeetingPage:
    person = await reachable_young_person(
        session=session, user=user, young_person_id=young_person_id
    )
    meetings = await session.scalars(
        select(Meeting)
        .where(Meeting.young_person_id == person.id)
        .order_by(Meeting.scheduled_at, Meeting.id)
    )
    items = [meeting_read(m) for m in meetings]
    for item in items:
        audit("read", "meeting", item.id, person.id)
    await session.commit()
    return MeetingPage(items=items)


@router.post(
    "/young-people/{young_person_id}/meetings",
    summary="Schedule a meeting",
    response_model=MeetingRead,
    status_code=201,
    responses=NOT_FOUND,
)
async def create_meeting(
    young_person_id: YoungPersonId,
    body: MeetingCreate,
    session: SessionDep,
    user: Caseworker,
    audit: Audit,
    now: Now,
) -> MeetingRead:
    """The planning meeting, the family group conference, or a review."""
    person = await reachable_young_person(
        session=session, user=user, young_person_id=young_person_id
    )
    meeting = await schedule_meeting(
        session=session,
        now=now,
        young_person=person,
        kind=body.kind,
        scheduled_at=body.scheduled_at,
        attendees=attendees_text(body.attendees),
        notes=body.notes,
    )
    audit("create", "meeting", meeting.id, person.id)
    await session.commit()
    return meeting_read(meeting)


@router.get(
    "/meetings/{meeting_id}", summary="One meeting", response_model=MeetingRead, responses=NOT_FOUND
)
async def read_meeting(
    meeting_id: MeetingId, session: SessionDep, user: Caseworker, audit: Audit
) -> MeetingRead:
    meeting, person = await reachable_record(
        session=session, user=user, model=Meeting, record_id=meeting_id
    )
    audit("read", "meeting", meeting.id, person.id)
    await session.commit()
    return meeting_read(meeting)


@router.patch(
    "/meetings/{meeting_id}",
    summary="Reschedule, or change attendees and notes",
    response_model=MeetingRead,
    responses={**NOT_FOUND, **CONFLICT},
)
async def update_meeting(
    meeting_id: MeetingId,
    body: MeetingUpdate,
    session: SessionDep,
    user: Caseworker,
    audit: Audit,
    now: Now,
) -> MeetingRead:
    meeting, person = await reachable_record(
        session=session, user=user, model=Meeting, record_id=meeting_id
    )
    values = body.model_dump(exclude_unset=True)
    if values.get("scheduled_at") is not None:
        await reschedule_meeting(
            session=session, now=now, meeting=meeting, scheduled_at=values["scheduled_at"]
        )
    if "attendees" in values:
        meeting.attendees = attendees_text(values["attendees"])
    if "notes" in values:
        meeting.notes = values["notes"]
    audit("update", "meeting", meeting.id, person.id)
    await session.commit()
    return meeting_read(meeting)


@router.post(
    "/meetings/{meeting_id}/held",
    summary="Record a meeting as held",
    response_model=MeetingHeldRead,
    status_code=201,
    responses={**NOT_FOUND, **CONFLICT},
)
async def held(
    meeting_id: MeetingId,
    body: MeetingHeldCreate,
    session: SessionDep,
    user: Caseworker,
    audit: Audit,
    now: Now,
) -> MeetingHeldRead:
    """A conference held moves the referral to `sustaining` and creates the check-in schedule;
    a planning meeting held moves an allocated referral to `planning`."""
    meeting, person = await reachable_record(
        session=session, user=user, model=Meeting, record_id=meeting_id
    )
    checkins = await hold_meeting(
        session=session,
        now=now,
        meeting=meeting,
        by_user_id=user.id,
        held_at=body.held_at,
        attendees=attendees_text(body.attendees) if body.attendees is not None else None,
    )
    audit("update", "meeting", meeting.id, person.id)
    await session.commit()
    return MeetingHeldRead(
        meeting=meeting_read(meeting), check_ins=[checkin_read(c) for c in checkins]
    )


@router.post(
    "/meetings/{meeting_id}/cancel",
    summary="Cancel a meeting",
    response_model=MeetingRead,
    responses={**NOT_FOUND, **CONFLICT},
)
async def cancel(
    meeting_id: MeetingId, session: SessionDep, user: Caseworker, audit: Audit, now: Now
) -> MeetingRead:
    meeting, person = await reachable_record(
        session=session, user=user, model=Meeting, record_id=meeting_id
    )
    cancel_meeting(meeting=meeting, now=now)
    audit("update", "meeting", meeting.id, person.id)
    await session.commit()
    return meeting_read(meeting)


@router.get(
    "/meetings/{meeting_id}/commitments",
    summary="The conference plan",
    response_model=CommitmentPage,
    responses=NOT_FOUND,
)
async def list_commitments(
    meeting_id: MeetingId, session: SessionDep, user: Caseworker, audit: Audit
) -> CommitmentPage:
    """Who will do what, how often, until when."""
    meeting, person = await reachable_record(
        session=session, user=user, model=Meeting, record_id=meeting_id
    )
    rows = await session.scalars(
        select(Commitment).where(Commitment.meeting_id == meeting.id).order_by(Commitment.id)
    )
    items = [CommitmentRead.model_validate(c) for c in rows]
    for item in items:
        audit("read", "commitment", item.id, person.id)
    await session.commit()
    return CommitmentPage(items=items)


@router.post(
    "/meetings/{meeting_id}/commitments",
    summary="Add a commitment to the plan",
    response_model=CommitmentRead,
    status_code=201,
    responses=NOT_FOUND,
)
async def create_commitment(
    meeting_id: MeetingId,
    body: CommitmentCreate,
    session: SessionDep,
    user: Caseworker,
    audit: Audit,
    now: Now,
) -> CommitmentRead:
    """Only on a conference; a connection's commitment names the connection."""
    meeting, person = await reachable_record(
        session=session, user=user, model=Meeting, record_id=meeting_id
    )
    commitment = await add_commitment(
        session=session,
        now=now,
        meeting=meeting,
        who=body.who,
        what=body.what,
        frequency=body.frequency,
        connection_id=body.connection_id,
        until=body.until,
    )
    audit("create", "commitment", commitment.id, person.id)
    await session.commit()
    return CommitmentRead.model_validate(commitment)


@router.delete(
    "/commitments/{commitment_id}",
    summary="Remove a commitment",
    status_code=204,
    response_class=Response,
    responses=NOT_FOUND,
)
async def delete_commitment(
    commitment_id: CommitmentId, session: SessionDep, user: Caseworker, audit: Audit
) -> Response:
    commitment, person = await reachable_record(
        session=session, user=user, model=Commitment, record_id=commitment_id
    )
    await session.delete(commitment)
    audit("delete", "commitment", commitment_id, person.id)
    await session.commit()
    return Response(status_code=204)
