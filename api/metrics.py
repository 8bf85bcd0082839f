"""Prometheus metrics: requests by route template (never by raw path, which holds ids),
sign-ins by outcome, and whatever else a part of Kith counts. Counts that every Kith process
adds to (the outbox's uncertain sends, from any scheduler) live in the database and are read
at each scrape.

Served only when the operator turns them on (kith/settings.py): at /metrics behind a bearer
token (KITH_METRICS_TOKEN), or on a separate listener of their own (KITH_METRICS_ADDRESS,
`metrics_app`) that the public port does not reach. Off, /metrics is a 404 like any path.
"""

from __future__ import annotations

import hmac
import logging
import time
from collections.abc import Iterator

from fastapi import APIRouter, Request
from fastapi.responses import Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import CounterMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.applications import Starlette
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.deps import route_template
from api.problems import ApiError
from models.outbox.claiming import count_uncertain_sends

log = logging.getLogger("kith.api")


class InTheDatabase(Collector):
    """Counters kept as rows, so they add up across processes; refreshed before each scrape."""

    def __init__(self) -> None:
        self.uncertain_sends = 0

    def collect(self) -> Iterator[Metric]:
        yield CounterMetricFamily(
            "kith_outbox_uncertain_sends",
            "Outbox sends with no answer from Telegram (timed out after the request left, "
            "connection cut, sender stopped mid-send): the one way a message can arrive twice",
            value=self.uncertain_sends,
        )


class Metrics:
    """One registry per app, so several apps in one process (tests) never collide.

    To count something new, add it here on `self.registry` (or register a collector on it):
    both ways of serving show everything the registry holds."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession] | None = None) -> None:
        self._sessionmaker = sessionmaker
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "kith_http_requests",
            "HTTP requests answered",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "kith_http_request_seconds",
            "Time to answer an HTTP request",
            ["method", "route"],
            registry=self.registry,
        )
        self.logins = Counter(
            "kith_login_attempts",
            "Login attempts by outcome",
            ["outcome"],
            registry=self.registry,
        )
        self.stored = InTheDatabase()
        if sessionmaker is not None:
            self.registry.register(self.stored)

    async def refresh(self) -> None:
        """Read the counts kept in the database (the last ones stay if it does not answer)."""
        if self._sessionmaker is None:
            return
        try:
            async with self._sessionmaker() as session:
                self.stored.uncertain_sends = await count_uncertain_sends(session=session)
        except (DBAPIError, OSError) as exc:
            log.warning("metrics: the database did not answer (%s)", type(exc).__name__)


class MetricsMiddleware:
    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def recording(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, recording)
        finally:
            template = route_template(scope)
            method = str(scope.get("method", ""))
            self.metrics.requests.labels(method, template, str(status)).inc()
            self.metrics.latency.labels(method, template).observe(time.perf_counter() - started)


async def _exposition(metrics: Metrics) -> Response:
    await metrics.refresh()
    return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)


def metrics_router(token: str) -> APIRouter:
    """/metrics on the API's own port, for a scraper that sends `Authorization: Bearer`."""
    router = APIRouter(include_in_schema=False)
    expected = f"Bearer {token}".encode()

    @router.get("/metrics")
    async def metrics(request: Request) -> Response:
        sent = request.headers.get("authorization", "").encode()
        if not hmac.compare_digest(sent, expected):
            raise ApiError(
                401,
                "metrics need the bearer token set in KITH_METRICS_TOKEN",
                headers={"WWW-Authenticate": 'Bearer realm="metrics"'},
            )
        return await _exposition(request.app.state.metrics)

    return router


def metrics_app(metrics: Metrics) -> Starlette:
    """A listener of its own that serves /metrics and nothing else (KITH_METRICS_ADDRESS)."""

    async def exposition(request: Request) -> Response:
        return await _exposition(metrics)

    return Starlette(routes=[Route("/metrics", exposition, methods=["GET"])])
