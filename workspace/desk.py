"""The signed-in person at their desk: the session cookie, CSRF, idle timeout, roles, audit.

The cookie holds a staff session's secret (models.staff.web_sessions): HttpOnly, SameSite=Lax,
Secure outside development. Every form carries a CSRF token derived from that secret, so a
page on another site cannot post as the coordinator. A session left idle is closed, and the
next page sends them to sign in and then back where they were.
"""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from models.audit import AuditBatch
from models.core.enums import ActorKind, Role
from models.staff.user import User
from models.staff.web_sessions import (
    SessionEndedError,
    csrf_token,
    resume_web_session,
)
from workspace.context import WorkspaceContext
from workspace.rendering import link

COOKIE = "kith_workspace"


class SignInNeededError(Exception):
    """No live session: go to sign-in, then back to `next_path`."""

    def __init__(self, next_path: str, reason: str) -> None:
        super().__init__(reason)
        self.next_path = next_path
        self.reason = reason


class NotYoursError(Exception):
    """Signed in, but this page is for another role (403)."""


class StaleFormError(Exception):
    """The form's CSRF token is missing or from another session (the page was open too long)."""


def context_of(request: Request) -> WorkspaceContext:
    context: WorkspaceContext = request.app.state.workspace
    return context


def page_route(request: Request) -> str:
    """`GET /workspace/young-people/{young_person_id}`: the template, never the ids."""
    route = request.scope.get("route")
    path = getattr(route, "path", request.url.path)
    return f"{request.method} {request.scope.get('root_path', '')}{path}"[:200]


def here(request: Request) -> str:
    """The path inside the workspace to come back to after signing in."""
    path = request.url.path
    root = request.scope.get("root_path", "")
    inner = path[len(root) :] if root and path.startswith(root) else path
    return inner + (f"?{request.url.query}" if request.url.query else "")


def sign_in_url(request: Request, next_path: str, reason: str = "") -> str:
    base = str(link(request, "sign_in_page"))
    query = f"?next={quote(next_path, safe='/')}"
    return base + query + (f"&why={reason}" if reason else "")


@dataclass
class Desk:
    """One request of a signed-in person: their database session, clock and audit trail."""

    request: Request
    session: AsyncSession
    user: User
    now: datetime
    batch: AuditBatch = field(init=False)

    def __post_init__(self) -> None:
        self.batch = AuditBatch(self.session)

    async def undo(self) -> None:
        """Forget a refused change (its audit events too), keep the person signed in."""
        await self.session.rollback()
        await self.session.refresh(self.user)

    def audit(
        self,
        action: str,
        entity: str,
        entity_id: int | None = None,
        young_person_id: int | None = None,
    ) -> None:
        """One audit event per read or change of a young person's data (never the values)."""
        self.batch.add(
            now=self.now,
            actor_kind=ActorKind.user,
            actor_user_id=self.user.id,
            organisation_id=self.user.organisation_id,
            action=action,
            entity=entity,
            entity_id=entity_id,
            young_person_id=young_person_id,
            route=page_route(self.request),
        )


async def _desk(request: Request) -> AsyncIterator[Desk]:
    context = context_of(request)
    secret = request.cookies.get(COOKIE)
    if not secret:
        raise SignInNeededError(here(request), "")
    async with context.sessionmaker() as session:
        now = context.clock.now()
        try:
            user = await resume_web_session(
                session=session, now=now, secret=secret, idle_timeout=context.idle_timeout
            )
        except SessionEndedError as ended:
            await session.commit()
            raise SignInNeededError(here(request), ended.reason) from None
        await session.commit()
        request.state.staff = user
        request.state.csrf = csrf_token(secret)
        request.state.idle_seconds = int(context.idle_timeout.total_seconds())
        if request.method == "POST":
            form = await request.form()
            sent = str(form.get("csrf", ""))
            if not hmac.compare_digest(sent, request.state.csrf):
                raise StaleFormError()
        yield Desk(request=request, session=session, user=user, now=now)


def desk_for(*roles: Role) -> Callable[..., Any]:
    async def check(desk: Annotated[Desk, Depends(_desk)]) -> Desk:
        if desk.user.role not in roles:
            raise NotYoursError(desk.user.role.value)
        return desk

    return check


AnyDesk = Annotated[Desk, Depends(_desk)]
CaseDesk = Annotated[Desk, Depends(desk_for(Role.coordinator, Role.manager))]
ManagerDesk = Annotated[Desk, Depends(desk_for(Role.manager))]
AdminDesk = Annotated[Desk, Depends(desk_for(Role.admin))]
