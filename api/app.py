"""The FastAPI application: built from what `kith` hands it, so tests can build their own."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.webhook import TelegramWebhook, webhook_router
from models.clock import Clock, SystemClock

Lifespan = Callable[[FastAPI], AbstractAsyncContextManager[None]]


@dataclass
class ApiContext:
    """Everything the routes need, put on `app.state.kith`."""

    sessionmaker: async_sessionmaker[AsyncSession]
    clock: Clock = field(default_factory=SystemClock)
    production: bool = False
    # Set by `kith` in webhook mode: where Telegram posts updates, and how they reach the bot.
    telegram_webhook: TelegramWebhook | None = None


def create_app(context: ApiContext, *, lifespan: Lifespan | None = None) -> FastAPI:
    @asynccontextmanager
    async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
        if lifespan is None:
            yield
            return
        async with lifespan(app):
            yield

    app = FastAPI(
        title="Kith coordinator API",
        version="1",
        lifespan=_lifespan,
        docs_url=None if context.production else "/docs",
        redoc_url=None,
        openapi_url=None if context.production else "/openapi.json",
        debug=False,
    )
    app.state.kith = context

    @app.get("/healthz", summary="Alive", tags=["health"])
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", summary="Database reachable", tags=["health"])
    async def readyz() -> JSONResponse:
        try:
            async with context.sessionmaker() as session:
                await session.execute(text("SELECT 1"))
        except Exception:
            return JSONResponse({"status": "database unreachable"}, status_code=503)
        return JSONResponse({"status": "ok"})

    if context.telegram_webhook is not None:
        app.include_router(webhook_router(context.telegram_webhook))

    return app
