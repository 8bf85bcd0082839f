"""Admin: staff accounts (create, disable, reset) and the organisation's programme settings."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from sqlalchemy import select

from api.deps import Admin, Now, SessionDep, UserId, route_name
from api.openapi import Responses
from api.problems import ApiError
from api.schemas.admin import (
    OrganisationRead,
    OrganisationUpdate,
    UserCreate,
    UserPage,
    UserRead,
    UserReset,
    UserUpdate,
)
from api.views import user_read
from models.audit import record_audit
from models.core.enums import ActorKind
from models.core.scoping import get_in_org
from models.staff.accounts import AccountError, create_user
from models.staff.languages import (
    LanguageChoiceError,
    check_staff_language,
    offered_languages,
    offered_setting,
)
from models.staff.organisation import Organisation
from models.staff.passwords import WeakPasswordError, hash_password
from models.staff.tokens import revoke_all_tokens
from models.staff.totp import reset_totp
from models.staff.user import User

router = APIRouter(prefix="/admin", tags=["admin"])
NOT_FOUND: Responses = {404: {"description": "No such account in your organisation"}}
SELF: Responses = {409: {"description": "You cannot disable yourself or change your own role"}}


def _audit(
    request: Request,
    session: SessionDep,
    admin: User,
    now: Now,
    action: str,
    entity: str,
    entity_id: int,
) -> None:
    record_audit(
        session=session,
        now=now,
        actor_kind=ActorKind.user,
        actor_user_id=admin.id,
        organisation_id=admin.organisation_id,
        action=action,
        entity=entity,
        entity_id=entity_id,
        route=route_name(request),
    )


async def _manager(session: SessionDep, admin: User, manager_id: int | None) -> None:
    if manager_id is None:
        return
    manager = await session.get(User, manager_id)
    if manager is None or manager.organisation_id != admin.organisation_id:
        raise ApiError(422, f"body.manager_id: no account {manager_id} in your organisation")


@router.get("/users", summary="Staff accounts", response_model=UserPage)
async def list_users(session: SessionDep, admin: Admin) -> UserPage:
    rows = await session.scalars(
        select(User).where(User.organisation_id == admin.organisation_id).order_by(User.id)
    )
    return UserPage(items=[user_read(u) for u in rows])


@router.post(
    "/users",
    summary="Add a staff account",
    response_model=UserRead,
    status_code=201,
    responses={409: {"description": "An account with this email exists"}},
)
async def add_user(
    request: Request, body: UserCreate, session: SessionDep, admin: Admin, now: Now
) -> UserRead:
    """The person enrols their second factor at first sign-in."""
    await _manager(session, admin, body.manager_id)
    organisation = await session.get_one(Organisation, admin.organisation_id)
    try:
        user = await create_user(
            session=session,
            now=now,
            organisation=organisation,
            email=body.email,
            display_name=body.display_name,
            role=body.role,
            password=body.password,
            manager_id=body.manager_id,
        )
    except AccountError as exc:
        raise ApiError(409, str(exc)) from None
    except WeakPasswordError as exc:
        raise ApiError(422, f"body.password: {exc}") from None
    _audit(request, session, admin, now, "create", "user", user.id)
    await session.commit()
    return user_read(user)


@router.patch(
    "/users/{user_id}",
    summary="Change or disable an account",
    response_model=UserRead,
    responses={**NOT_FOUND, **SELF},
)
async def update_user(
    request: Request,
    user_id: UserId,
    body: UserUpdate,
    session: SessionDep,
    admin: Admin,
    now: Now,
) -> UserRead:
    """Disabling an account revokes its tokens at once."""
    user = await get_in_org(session, User, user_id, admin.organisation_id)
    values = body.model_dump(exclude_unset=True)
    if user.id == admin.id and (
        values.get("disabled") or values.get("role", admin.role) != admin.role
    ):
        raise ApiError(409, "you cannot disable yourself or change your own role")
    for name in ("display_name", "role", "on_duty"):
        if name in values and values[name] is None:
            raise ApiError(422, f"body.{name}: cannot be null")
    if "manager_id" in values:
        await _manager(session, admin, values["manager_id"])
        user.manager_id = values["manager_id"]
    if values.get("display_name") is not None:
        user.display_name = values["display_name"]
    if values.get("role") is not None:
        user.role = values["role"]
    if values.get("on_duty") is not None:
        user.on_duty = values["on_duty"]
    if values.get("disabled") is True and user.disabled_at is None:
        user.disabled_at = now
        await revoke_all_tokens(session=session, now=now, user_id=user.id)
    elif values.get("disabled") is False:
        user.disabled_at = None
    _audit(request, session, admin, now, "update", "user", user.id)
    await session.commit()
    return user_read(user)


@router.post(
    "/users/{user_id}/reset",
    summary="Reset password and second factor",
    response_model=UserRead,
    responses=NOT_FOUND,
)
async def reset_user(
    request: Request, user_id: UserId, body: UserReset, session: SessionDep, admin: Admin, now: Now
) -> UserRead:
    """A new temporary password; the second factor must be enrolled again; tokens revoked."""
    user = await get_in_org(session, User, user_id, admin.organisation_id)
    try:
        user.password_hash = await asyncio.to_thread(hash_password, body.password, email=user.email)
    except WeakPasswordError as exc:
        raise ApiError(422, f"body.password: {exc}") from None
    reset_totp(user=user)
    await revoke_all_tokens(session=session, now=now, user_id=user.id)
    _audit(request, session, admin, now, "update", "user", user.id)
    await session.commit()
    return user_read(user)


def _organisation_read(organisation: Organisation) -> OrganisationRead:
    offered = organisation.offered_languages
    return OrganisationRead.model_validate(
        {
            **{n: getattr(organisation, n, None) for n in OrganisationRead.model_fields},
            "eligible_cohorts": [c for c in organisation.eligible_cohorts.split(",") if c],
            "offered_languages": None if offered is None else offered.split(","),
            "offered_now": offered_languages(organisation),
        }
    )


def _language_setting(name: str, value: object) -> object:
    """The stored form of a language setting; a language that cannot be used is a 422."""
    try:
        if name == "language":
            return check_staff_language(str(value))
        assert isinstance(value, list)
        return offered_setting(value)
    except LanguageChoiceError as error:
        raise ApiError(422, f"body.{name}: {error}") from error


@router.get("/organisation", summary="Programme settings", response_model=OrganisationRead)
async def read_organisation(session: SessionDep, admin: Admin) -> OrganisationRead:
    return _organisation_read(await session.get_one(Organisation, admin.organisation_id))


@router.patch("/organisation", summary="Change programme settings", response_model=OrganisationRead)
async def update_organisation(
    request: Request, body: OrganisationUpdate, session: SessionDep, admin: Admin, now: Now
) -> OrganisationRead:
    """Eligibility rule, check-in cadence, quiet and working hours, languages, safeguarding.

    `offered_languages: null` goes back to offering every complete language;
    `out_of_hours_phone: null` removes the out-of-hours number.
    """
    organisation = await session.get_one(Organisation, admin.organisation_id)
    for name, value in body.model_dump(exclude_unset=True).items():
        if name in ("offered_languages", "out_of_hours_phone") and value is None:
            setattr(organisation, name, None)
            continue
        if name in ("language", "offered_languages") and value is not None:
            value = _language_setting(name, value)
        if value is None:
            raise ApiError(422, f"body.{name}: cannot be null")
        if name == "eligible_cohorts":
            value = ",".join(dict.fromkeys(c.value for c in value))
        setattr(organisation, name, value)
    _audit(request, session, admin, now, "update", "organisation", organisation.id)
    await session.commit()
    return _organisation_read(organisation)
