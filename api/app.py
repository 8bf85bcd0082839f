"""The FastAPI application: built from what `kith` hands it, so tests can build their own."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from fastapi import FastAPI, Request
from sqlalchemy.ext.asyncio import AsyncSession

from api.context import ApiContext
from api.deps import route_name
from api.health import health_router
from api.metrics import Metrics, MetricsMiddleware, metrics_router
from api.middleware import BodyLimit, CrashToProblem, SecurityHeaders
from api.openapi import install_openapi
from api.problems import install_problem_handlers
from api.routers import V1_ROUTERS
from api.schemas.common import MAX_ID
from api.text_guard import TextGuard
from api.webhook import webhook_router
from models.audit import record_audit
from models.core.enums import ActorKind
from models.staff.tokens import TokenRefusedError, resolve_token
from models.staff.user import User

__all__ = ["ApiContext", "create_app"]

log = logging.getLogger("kith.api")
Lifespan = Callable[[FastAPI], AbstractAsyncContextManager[None]]

DESCRIPTION = """
The coordinator API of Kith, for Lifelong Links coordinators, team managers and admins.

Sign in at `POST /v1/auth/token` (OAuth2 password flow, with the code from your authenticator
app in `totp_code`), then send `Authorization: Bearer <token>`. A token lasts one working day.
A coordinator sees the young people allocated to them; a manager sees their organisation.
Anything out of reach answers 404, exactly as something that does not exist. Every read and
change of a young person's data is written to the audit trail. Errors are
`application/problem+json` (RFC 9457).
"""


def create_app(context: ApiContext, *, lifespan: Lifespan | None = None) -> FastAPI:
    @asynccontextmanager
    async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
        if lifespan is None:
            yield
            return
        async with lifespan(app):
            yield

    if not context.require_totp:
        log.warning(
            "KITH_REQUIRE_TOTP is off: staff sign in with a password alone. "
            "Development only; production refuses this setting."
        )
    app = FastAPI(
        title="Kith coordinator API",
        version="1",
        description=DESCRIPTION,
        lifespan=_lifespan,
        docs_url=None if context.production else "/docs",
        redoc_url=None,
        openapi_url=None if context.production else "/openapi.json",
        debug=False,
    )
    app.state.kith = context
    app.state.metrics = Metrics(context.sessionmaker)
    app.state.refusal_auditor = _refusal_auditor(context)

    install_problem_handlers(app)
    # The webhook first: it takes every update the bot gets, and Starlette tries routes in
    # order, so behind the API's routes each update would be matched against all of them.
    if context.telegram_webhook is not None:
        app.include_router(webhook_router(context.telegram_webhook))
    app.include_router(health_router)
    if context.metrics_token:
        app.include_router(metrics_router(context.metrics_token))
    for router in V1_ROUTERS:
        app.include_router(router, prefix="/v1")
    install_openapi(app)

    # Added innermost first: the crash guard sits inside the metrics, the headers outside all.
    app.add_middleware(CrashToProblem)
    # Telegram's updates are the bot's to read, as Telegram sent them.
    webhook = context.telegram_webhook
    app.add_middleware(TextGuard, skip_paths=frozenset([webhook.path] if webhook else []))
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)
    app.add_middleware(BodyLimit, limit=context.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def _refusal_auditor(context: ApiContext) -> Callable[..., object]:
    async def audit_refusal(
        request: Request, status: int, entity: str, entity_id: int | None
    ) -> None:
        """A refused request is written down too, in its own transaction, with who sent it:
        a request refused before its route ran (405, an unknown path) is matched to its
        bearer token here."""
        user = getattr(request.state, "user", None)
        young_person_id = _asked_id(request.path_params.get("young_person_id"))
        async with context.sessionmaker() as session:
            if user is None:
                user = await _bearer(session, context, request)
            record_audit(
                session=session,
                now=context.clock.now(),
                actor_kind=ActorKind.user,
                actor_user_id=user.id if user is not None else None,
                organisation_id=user.organisation_id if user is not None else None,
                action="refused",
                entity=entity[:40],
                entity_id=entity_id,
                young_person_id=young_person_id,
                route=route_name(request),
                outcome=f"refused:{status}",
            )
            await session.commit()

    return audit_refusal


async def _bearer(session: AsyncSession, context: ApiContext, request: Request) -> User | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None
    try:
        user, _ = await resolve_token(session=session, now=context.clock.now(), plaintext=token)
    except TokenRefusedError:
        return None
    return user


def _asked_id(raw: object) -> int | None:
    """The id a refused request asked for, if it is one (the path was not validated yet)."""
    try:
        value = int(str(raw))
    except ValueError:
        return None
    return value if 0 < value <= MAX_ID else None
