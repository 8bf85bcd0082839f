"""The network: the people who matter to a young person, and the circle picture."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Response

from api.deps import Audit, Caseworker, ConnectionId, Now, SessionDep, YoungPersonId
from api.openapi import Responses
from api.problems import ApiError
from api.schemas.connections import (
    ConnectionCreate,
    ConnectionPage,
    ConnectionRead,
    ConnectionUpdate,
)
from api.views import connection_read
from models.network.circle import CirclePerson, render_circle
from models.network.connection import Connection
from models.network.history import move_with_history
from models.network.tracing import (
    add_connection,
    network_of,
    remove_connection,
    set_safety,
)
from models.young_people.caseload import reachable_record, reachable_young_person

router = APIRouter(tags=["network"])
NOT_FOUND: Responses = {404: {"description": "No such young person or connection in your reach"}}
NOT_NULL = ("name", "relationship_label", "category", "closeness", "safety_concern", "status")


@router.get(
    "/young-people/{young_person_id}/connections",
    summary="Their network",
    response_model=ConnectionPage,
    responses=NOT_FOUND,
)
async def list_connections(
    young_person_id: YoungPersonId, session: SessionDep, user: Caseworker, audit: Audit
) -> ConnectionPage:
    """Everyone: named, found and agreed, with statuses and (for you) contact details."""
    person = await reachable_young_person(
        session=session, user=user, young_person_id=young_person_id
    )
    people = await network_of(session=session, young_person_id=person.id)
    for connection in people:
        audit("read", "connection", connection.id, person.id)
    await session.commit()
    return ConnectionPage(items=[connection_read(c) for c in people])


@router.post(
    "/young-people/{young_person_id}/connections",
    summary="Add a person",
    response_model=ConnectionRead,
    status_code=201,
    responses=NOT_FOUND,
)
async def create_connection(
    young_person_id: YoungPersonId,
    body: ConnectionCreate,
    session: SessionDep,
    user: Caseworker,
    audit: Audit,
    now: Now,
) -> ConnectionRead:
    """A new person starts as `named`."""
    person = await reachable_young_person(
        session=session, user=user, young_person_id=young_person_id
    )
    connection = await add_connection(
        session=session, now=now, young_person=person, **body.model_dump()
    )
    audit("create", "connection", connection.id, person.id)
    await session.commit()
    return connection_read(connection)


@router.get(
    "/connections/{connection_id}",
    summary="One person",
    response_model=ConnectionRead,
    responses=NOT_FOUND,
)
async def read_connection(
    connection_id: ConnectionId, session: SessionDep, user: Caseworker, audit: Audit
) -> ConnectionRead:
    connection, person = await reachable_record(
        session=session, user=user, model=Connection, record_id=connection_id
    )
    audit("read", "connection", connection.id, person.id)
    await session.commit()
    return connection_read(connection)


@router.patch(
    "/connections/{connection_id}",
    summary="Update a person, or move their status",
    response_model=ConnectionRead,
    responses={**NOT_FOUND, 409: {"description": "A status move the network does not allow"}},
)
async def update_connection(
    connection_id: ConnectionId,
    body: ConnectionUpdate,
    session: SessionDep,
    user: Caseworker,
    audit: Audit,
    now: Now,
) -> ConnectionRead:
    """Status: named → located → contacted → safety_checked → agreed; or declined, unsafe, ended."""
    connection, person = await reachable_record(
        session=session, user=user, model=Connection, record_id=connection_id
    )
    values = body.model_dump(exclude_unset=True)
    for name in NOT_NULL:
        if name in values and values[name] is None:
            raise ApiError(422, f"body.{name}: cannot be null")
    status = values.pop("status", None)
    reason = values.pop("status_reason", None)
    if status is not None:
        await move_with_history(
            session=session,
            connection=connection,
            to=status,
            now=now,
            by_user_id=user.id,
            reason=reason,
        )
    if "safety_concern" in values or "safety_note" in values:
        set_safety(
            connection=connection,
            concern=values.pop("safety_concern", connection.safety_concern),
            note=values.pop("safety_note", connection.safety_note),
        )
    for name, value in values.items():
        setattr(connection, name, value)
    audit("update", "connection", connection.id, person.id)
    await session.commit()
    return connection_read(connection)


@router.delete(
    "/connections/{connection_id}",
    summary="Remove a person entered by mistake",
    status_code=204,
    response_class=Response,
    responses={**NOT_FOUND, 409: {"description": "In the conference plan: end them instead"}},
)
async def delete_connection(
    connection_id: ConnectionId, session: SessionDep, user: Caseworker, audit: Audit
) -> Response:
    """Someone in the conference plan cannot be removed; set their status to `ended`."""
    connection, person = await reachable_record(
        session=session, user=user, model=Connection, record_id=connection_id
    )
    await remove_connection(session=session, connection=connection)
    audit("delete", "connection", connection_id, person.id)
    await session.commit()
    return Response(status_code=204)


@router.get(
    "/young-people/{young_person_id}/circle.png",
    summary="The circle picture (PNG), with statuses",
    response_class=Response,
    responses={
        **NOT_FOUND,
        200: {"content": {"image/png": {"schema": {"type": "string", "format": "binary"}}}},
    },
)
async def circle_picture(
    young_person_id: YoungPersonId, session: SessionDep, user: Caseworker, audit: Audit
) -> Response:
    """The bot's picture, but showing everyone in the network and where each one is."""
    person = await reachable_young_person(
        session=session, user=user, young_person_id=young_person_id
    )
    people = [
        CirclePerson(name=c.name, closeness=c.closeness, category=c.category, status=c.status)
        for c in await network_of(session=session, young_person_id=person.id)
    ]
    audit("read", "circle", None, person.id)
    await session.commit()
    png = await asyncio.to_thread(
        render_circle, centre_name=person.preferred_name, people=people, show_status=True
    )
    return Response(png, media_type="image/png")
