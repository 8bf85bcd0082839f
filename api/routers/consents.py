"""Consent: taking part, tracing and bot messages, each recorded (and withdrawn) on its own."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Audit, Caseworker, ConsentId, Now, SessionDep, YoungPersonId
from api.openapi import Responses
from api.schemas.consents import ConsentCreate, ConsentPage, ConsentRead, ConsentWithdraw
from models.core.enums import ReferralStatus
from models.core.scoping import NotFoundError
from models.young_people.caseload import reachable_record, reachable_young_person
from models.young_people.consent import (
    NEEDED_FOR_INVITE,
    NEEDED_FOR_MOVE,
    Consent,
    consents_of,
    missing_consents,
    needs_parental_responsibility,
    record_consent,
    withdraw_consent,
)

router = APIRouter(tags=["consent"])
NOT_FOUND: Responses = {404: {"description": "No such young person or consent in your reach"}}


@router.get(
    "/young-people/{young_person_id}/consents",
    summary="Their consents",
    response_model=ConsentPage,
    responses=NOT_FOUND,
)
async def list_consents(
    young_person_id: YoungPersonId, session: SessionDep, user: Caseworker, audit: Audit, now: Now
) -> ConsentPage:
    """Every consent given or withdrawn, and what is still missing for searching and the bot."""
    person = await reachable_young_person(
        session=session, user=user, young_person_id=young_person_id
    )
    items = await consents_of(session=session, young_person_id=person.id)
    for_search = await missing_consents(
        session=session,
        now=now,
        young_person=person,
        kinds=NEEDED_FOR_MOVE[ReferralStatus.searching],
    )
    for_invite = await missing_consents(
        session=session, now=now, young_person=person, kinds=NEEDED_FOR_INVITE
    )
    audit("read", "consent", None, person.id)
    await session.commit()
    return ConsentPage(
        items=[ConsentRead.model_validate(c) for c in items],
        parental_responsibility_needed=needs_parental_responsibility(person, now.date()),
        missing_for_search=for_search,
        missing_for_invite=for_invite,
    )


@router.post(
    "/young-people/{young_person_id}/consents",
    summary="Record a consent",
    response_model=ConsentRead,
    status_code=201,
    responses=NOT_FOUND,
)
async def give_consent(
    young_person_id: YoungPersonId,
    body: ConsentCreate,
    session: SessionDep,
    user: Caseworker,
    audit: Audit,
    now: Now,
) -> ConsentRead:
    """From the young person, or from whoever holds parental responsibility (say who)."""
    person = await reachable_young_person(
        session=session, user=user, young_person_id=young_person_id
    )
    consent = await record_consent(
        session=session,
        now=now,
        young_person=person,
        kind=body.kind,
        given_by=body.given_by,
        given_by_name=body.given_by_name,
        given_at=body.given_at,
    )
    audit("create", "consent", consent.id, person.id)
    await session.commit()
    return ConsentRead.model_validate(consent)


@router.post(
    "/young-people/{young_person_id}/consents/{consent_id}/withdraw",
    summary="Withdraw a consent",
    response_model=ConsentRead,
    responses=NOT_FOUND,
)
async def withdraw(
    young_person_id: YoungPersonId,
    consent_id: ConsentId,
    body: ConsentWithdraw,
    session: SessionDep,
    user: Caseworker,
    audit: Audit,
    now: Now,
) -> ConsentRead:
    """The record stays, with the date and the reason."""
    consent, person = await reachable_record(
        session=session, user=user, model=Consent, record_id=consent_id
    )
    if person.id != young_person_id:
        raise NotFoundError("Consent", consent_id)
    withdraw_consent(consent=consent, now=now, reason=body.reason)
    audit("update", "consent", consent.id, person.id)
    await session.commit()
    return ConsentRead.model_validate(consent)
