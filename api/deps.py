"""Dependencies shared by the routes, as typed aliases so a signature reads like a sentence."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Path, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.ext.asyncio import AsyncSession

from api.context import ApiContext
from api.problems import ApiError
from api.schemas.common import PlainId
from models.audit import AuditBatch
from models.core.enums import ActorKind, Role
from models.staff.tokens import ApiToken, TokenRefusedError, resolve_token
from models.staff.user import User

bearer = OAuth2PasswordBearer(tokenUrl="/v1/auth/token", auto_error=False)


def get_context(request: Request) -> ApiContext:
    context: ApiContext = request.app.state.kith
    return context


# Dependencies are `async def`: FastAPI runs a plain `def` dependency in a worker thread, a
# thread hop on every request (bench/api.py's profile showed it).
async def context_dependency(request: Request) -> ApiContext:
    return get_context(request)


ContextDep = Annotated[ApiContext, Depends(context_dependency)]


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with get_context(request).sessionmaker() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session)]


async def get_now(request: Request) -> datetime:
    return get_context(request).clock.now()


Now = Annotated[datetime, Depends(get_now)]


async def current_token(
    request: Request,
    session: SessionDep,
    now: Now,
    token: Annotated[str | None, Depends(bearer)],
) -> tuple[User, ApiToken]:
    if not token:
        raise ApiError(401, "sign in first: this needs a bearer token", headers=_challenge)
    try:
        user, api_token = await resolve_token(session=session, now=now, plaintext=token)
    except TokenRefusedError:
        raise ApiError(
            401,
            "this token is not valid (unknown, expired or revoked): sign in again",
            headers=_challenge,
        ) from None
    request.state.user = user
    return user, api_token


_challenge = {"WWW-Authenticate": "Bearer"}
CurrentToken = Annotated[tuple[User, ApiToken], Depends(current_token)]


async def current_user(token: CurrentToken) -> User:
    return token[0]


CurrentUser = Annotated[User, Depends(current_user)]


def require_role(*roles: Role) -> Callable[..., Any]:
    names = " or ".join(r.value for r in roles)

    async def check(user: CurrentUser) -> User:
        if user.role not in roles:
            raise ApiError(
                403, f"this needs the {names} role; you are signed in as {user.role.value}"
            )
        return user

    return check


Caseworker = Annotated[User, Depends(require_role(Role.coordinator, Role.manager))]
Manager = Annotated[User, Depends(require_role(Role.manager))]
Admin = Annotated[User, Depends(require_role(Role.admin))]


def route_template(scope: Mapping[str, Any]) -> str:
    """`/v1/referrals/{referral_id}`: the path with its parameters put back as names.

    An included router's route knows only its own part of the path, so the template is
    rebuilt from the path and the matched parameters, in order.
    """
    if scope.get("route") is None:
        return "unmatched"
    params = iter((name, str(value)) for name, value in scope.get("path_params", {}).items())
    wanted = next(params, None)
    parts = []
    for segment in str(scope.get("path", "")).split("/"):
        if wanted is not None and segment == wanted[1]:
            parts.append("{" + wanted[0] + "}")
            wanted = next(params, None)
        else:
            parts.append(segment)
    return "/".join(parts)


def route_name(request: Request) -> str:
    """`GET /v1/referrals/{referral_id}`: the template, never the ids filled in."""
    template = route_template(request.scope)
    if template == "unmatched":
        template = request.url.path
    return f"{request.method} {template}"[:200]


class Auditor:
    """Writes one AuditEvent per read or change of a young person's data (never the values)."""

    def __init__(self, request: Request, session: AsyncSession, user: User, now: datetime) -> None:
        self.request = request
        self.session = session
        self.user = user
        self.now = now
        self.batch = AuditBatch(session)  # written when the route commits

    def __call__(
        self,
        action: str,
        entity: str,
        entity_id: int | None = None,
        young_person_id: int | None = None,
    ) -> None:
        self.batch.add(
            now=self.now,
            actor_kind=ActorKind.user,
            actor_user_id=self.user.id,
            organisation_id=self.user.organisation_id,
            action=action,
            entity=entity,
            entity_id=entity_id,
            young_person_id=young_person_id,
            route=route_name(self.request),
        )


async def get_auditor(
    request: Request, session: SessionDep, user: CurrentUser, now: Now
) -> Auditor:
    return Auditor(request, session, user, now)


Audit = Annotated[Auditor, Depends(get_auditor)]


def id_path(description: str) -> Any:
    return Path(description=description)  # the bounds are PlainId's


YoungPersonId = Annotated[PlainId, id_path("A young person's id")]
ReferralId = Annotated[PlainId, id_path("A referral's id")]
ConnectionId = Annotated[PlainId, id_path("A connection's id")]
MeetingId = Annotated[PlainId, id_path("A meeting's id")]
CommitmentId = Annotated[PlainId, id_path("A commitment's id")]
CheckInId = Annotated[PlainId, id_path("A check-in's id")]
ConsentId = Annotated[PlainId, id_path("A consent's id")]
NudgeId = Annotated[PlainId, id_path("A nudge's id")]
UserId = Annotated[PlainId, id_path("A staff account's id")]
