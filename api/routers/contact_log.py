"""The detective work on one connection: its contact log (newest first) and its status
history (oldest first). Every read and write is audited."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Audit, Caseworker, ConnectionId, Now, SessionDep
from api.openapi import Responses
from api.problems import ApiError
from api.schemas.contact_log import (
    ContactCreate,
    ContactPage,
    ContactRead,
    StatusChangeRead,
    StatusHistoryRead,
)
from models.network.connection import Connection
from models.network.contact_log import ContactLogError, contact_log_of, log_contact
from models.network.history import status_history_of
from models.young_people.caseload import reachable_record
from texts.catalog import t

router = APIRouter(prefix="/connections/{connection_id}", tags=["network"])
NOT_FOUND: Responses = {404: {"description": "No such connection in your reach"}}


@router.get(
    "/contacts", summary="Their contact log", response_model=ContactPage, responses=NOT_FOUND
)
async def list_contacts(
    connection_id: ConnectionId, session: SessionDep, user: Caseworker, audit: Audit
) -> ContactPage:
    """Every call, text, letter, email, visit, social media message and records search."""
    connection, person = await reachable_record(
        session=session, user=user, model=Connection, record_id=connection_id
    )
    entries = await contact_log_of(session=session, connection_id=connection.id)
    audit("read", "contact_log", connection.id, person.id)
    await session.commit()
    return ContactPage(items=[ContactRead.model_validate(e) for e in entries])


@router.post(
    "/contacts",
    summary="Log a contact",
    response_model=ContactRead,
    status_code=201,
    responses={
        **NOT_FOUND,
        422: {"description": "A day to come, or a next step that makes no sense"},
    },
)
async def add_contact(
    connection_id: ConnectionId,
    body: ContactCreate,
    session: SessionDep,
    user: Caseworker,
    audit: Audit,
    now: Now,
) -> ContactRead:
    """The note and next step are kept encrypted; a new entry settles earlier next steps."""
    connection, person = await reachable_record(
        session=session, user=user, model=Connection, record_id=connection_id
    )
    try:
        entry = await log_contact(
            session=session,
            now=now,
            connection=connection,
            by_user_id=user.id,
            **body.model_dump(),
        )
    except ContactLogError as refused:
        raise ApiError(422, f"body.{refused.field}: {t(None, refused.message)}") from None
    audit("create", "contact_log", entry.id, person.id)
    await session.commit()
    return ContactRead.model_validate(entry)


@router.get(
    "/status-history",
    summary="Who moved them, when and why",
    response_model=StatusHistoryRead,
    responses=NOT_FOUND,
)
async def status_history(
    connection_id: ConnectionId, session: SessionDep, user: Caseworker, audit: Audit
) -> StatusHistoryRead:
    connection, person = await reachable_record(
        session=session, user=user, model=Connection, record_id=connection_id
    )
    changes = await status_history_of(session=session, connection_id=connection.id)
    audit("read", "connection", connection.id, person.id)
    await session.commit()
    return StatusHistoryRead(
        connection_id=connection.id, items=[StatusChangeRead.model_validate(c) for c in changes]
    )
