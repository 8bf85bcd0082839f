"""Young people: the caseload, their record, their invite link and their timeline."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import Audit, Caseworker, ContextDep, Now, SessionDep, YoungPersonId
from api.openapi import Responses
from api.pagination import CursorQuery, PageLimit, decode_cursor, encode_cursor
from api.problems import ApiError
from api.schemas.common import PlainId
from api.schemas.young_people import (
    InviteRead,
    TimelineEntryRead,
    TimelineRead,
    YoungPersonCreate,
    YoungPersonPage,
    YoungPersonRead,
    YoungPersonUpdate,
)
from api.views import young_person_read
from models.core.enums import Cohort, InviteKind, Role
from models.referrals.deep_links import YOUNG_PERSON_INVITE_TTL, deep_link
from models.referrals.invites import create_invite
from models.staff.user import User
from models.young_people.caseload import caseload, coordinator_in_org, reachable_young_person
from models.young_people.consent import NEEDED_FOR_INVITE, require_consents
from models.young_people.timeline import timeline
from models.young_people.young_person import YoungPerson

router = APIRouter(prefix="/young-people", tags=["young people"])
NOT_FOUND: Responses = {404: {"description": "No such young person in your reach"}}
MANAGERS_ONLY = ("coordinator_id",)


def _refuse_fields(user: User, given: set[str]) -> None:
    """The write allowlist: a field the role may not set refuses the whole request."""
    if user.role != Role.manager:
        for name in MANAGERS_ONLY:
            if name in given:
                raise ApiError(403, f"body.{name}: only a manager may set {name}")


def _check_dates(values: dict[str, object], now: datetime) -> None:
    born = values.get("date_of_birth")
    if born is not None and born > now.date():  # type: ignore[operator]
        raise ApiError(422, "body.date_of_birth: cannot be in the future")


@router.get("", summary="My caseload", response_model=YoungPersonPage)
async def list_young_people(
    session: SessionDep,
    user: Caseworker,
    audit: Audit,
    cohort: Cohort | None = None,
    coordinator_id: Annotated[PlainId | None, Query()] = None,
    limit: Annotated[PageLimit, Query()] = 50,
    cursor: CursorQuery = None,
) -> YoungPersonPage:
    """A coordinator's allocated young people; a manager's whole organisation. By id."""
    query = caseload(user).order_by(YoungPerson.id).limit(limit + 1)
    if cohort is not None:
        query = query.where(YoungPerson.cohort == cohort)
    if coordinator_id is not None:
        query = query.where(YoungPerson.coordinator_id == coordinator_id)
    if cursor:
        (after,) = decode_cursor(cursor, (int,))
        query = query.where(YoungPerson.id > after)
    people = list(await session.scalars(query))
    more = len(people) > limit
    people = people[:limit]
    for person in people:
        audit("read", "young_person", person.id, person.id)
    await session.commit()
    return YoungPersonPage(
        items=[young_person_read(p) for p in people],
        next_cursor=encode_cursor(people[-1].id) if more else None,
    )


@router.post(
    "",
    summary="Add a young person",
    response_model=YoungPersonRead,
    status_code=201,
    responses={403: {"description": "A coordinator may not set coordinator_id"}},
)
async def create_young_person(
    body: YoungPersonCreate, session: SessionDep, user: Caseworker, audit: Audit, now: Now
) -> YoungPersonRead:
    """A coordinator's new young person is allocated to them; a manager may allocate anyone."""
    given = body.model_fields_set
    _refuse_fields(user, given)
    values = body.model_dump(exclude_unset=True)
    _check_dates(values, now)
    coordinator_id = values.pop("coordinator_id", None)
    if user.role == Role.coordinator:
        coordinator_id = user.id
    elif coordinator_id is not None:
        await coordinator_in_org(
            session=session, organisation_id=user.organisation_id, user_id=coordinator_id
        )
    if values.get("birthday_reminders") is None:
        values.pop("birthday_reminders", None)
    person = YoungPerson(
        organisation_id=user.organisation_id,
        coordinator_id=coordinator_id,
        created_at=now,
        **values,
    )
    session.add(person)
    await session.flush()
    audit("create", "young_person", person.id, person.id)
    await session.commit()
    return young_person_read(person)


@router.get(
    "/{young_person_id}",
    summary="A young person's record",
    response_model=YoungPersonRead,
    responses=NOT_FOUND,
)
async def read_young_person(
    young_person_id: YoungPersonId, session: SessionDep, user: Caseworker, audit: Audit
) -> YoungPersonRead:
    """Demographics, settings and whether their Telegram is linked."""
    person = await reachable_young_person(
        session=session, user=user, young_person_id=young_person_id
    )
    audit("read", "young_person", person.id, person.id)
    await session.commit()
    return young_person_read(person)


@router.patch(
    "/{young_person_id}",
    summary="Update demographics and settings",
    response_model=YoungPersonRead,
    responses={**NOT_FOUND, 403: {"description": "A coordinator may not set coordinator_id"}},
)
async def update_young_person(
    young_person_id: YoungPersonId,
    body: YoungPersonUpdate,
    session: SessionDep,
    user: Caseworker,
    audit: Audit,
    now: Now,
) -> YoungPersonRead:
    """Only the fields sent change; a manager reallocates by setting coordinator_id."""
    person = await reachable_young_person(
        session=session, user=user, young_person_id=young_person_id
    )
    _refuse_fields(user, body.model_fields_set)
    values = body.model_dump(exclude_unset=True)
    _check_dates(values, now)
    for required in (
        "preferred_name",
        "cohort",
        "language",
        "timezone",
        "preferred_hour",
        "birthday_reminders",
    ):
        if required in values and values[required] is None:
            raise ApiError(422, f"body.{required}: cannot be null")
    if values.get("coordinator_id") is not None:
        await coordinator_in_org(
            session=session, organisation_id=user.organisation_id, user_id=values["coordinator_id"]
        )
    for name, value in values.items():
        setattr(person, name, value)
    audit("update", "young_person", person.id, person.id)
    await session.commit()
    return young_person_read(person)


@router.post(
    "/{young_person_id}/invite",
    summary="Make a one-time invite link for the bot",
    response_model=InviteRead,
    status_code=201,
    responses={**NOT_FOUND, 409: {"description": "A consent the bot needs is missing"}},
)
async def invite_young_person(
    young_person_id: YoungPersonId,
    session: SessionDep,
    user: Caseworker,
    audit: Audit,
    now: Now,
    context: ContextDep,
) -> InviteRead:
    """A deep link joining their Telegram chat to their record: usable once, within 7 days."""
    person = await reachable_young_person(
        session=session, user=user, young_person_id=young_person_id
    )
    await require_consents(
        session=session,
        now=now,
        young_person=person,
        kinds=NEEDED_FOR_INVITE,
        purpose="an invite to the bot",
    )
    invite, code = await create_invite(
        session=session,
        now=now,
        organisation_id=person.organisation_id,
        kind=InviteKind.young_person,
        young_person_id=person.id,
        created_by=user.id,
        lifetime=YOUNG_PERSON_INVITE_TTL,
    )
    audit("create", "invite_code", invite.id, person.id)
    await session.commit()
    return InviteRead(link=deep_link(context.bot_username, code), expires_at=invite.expires_at)


@router.get(
    "/{young_person_id}/timeline",
    summary="Their timeline, in date order",
    response_model=TimelineRead,
    responses=NOT_FOUND,
)
async def read_timeline(
    young_person_id: YoungPersonId, session: SessionDep, user: Caseworker, audit: Audit
) -> TimelineRead:
    """Journey moves, meetings, check-ins, messages sent with /tell, and nudges."""
    person = await reachable_young_person(
        session=session, user=user, young_person_id=young_person_id
    )
    entries = await timeline(session=session, young_person_id=person.id)
    audit("read", "timeline", person.id, person.id)
    await session.commit()
    return TimelineRead(
        young_person_id=person.id,
        entries=[TimelineEntryRead.model_validate(e) for e in entries],
    )
