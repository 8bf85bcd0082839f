"""Prometheus metrics: requests by route template (never by raw path, which holds ids),
sign-ins by outcome, and whatever else a part of Kith counts.

Served only when the operator turns them on (kith/settings.py): at /metrics behind a bearer
token (KITH_METRICS_TOKEN), or on a separate listener of their own (KITH_METRICS_ADDRESS,
`metrics_app`) that the public port does not reach. Off, /metrics is a 404 like any path.
"""

from __future__ import annotations

import hmac
import time

from fastapi import APIRouter, Request
from fastapi.responses import Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from starlette.applications import Starlette
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.deps import route_template
from api.problems import ApiError


class Metrics:
    """One registry per app, so several apps in one process (tests) never collide.

    To count something new, add it here on `self.registry` (or register a collector on it):
    both ways of serving show everything the registry holds."""

    def __init__(self) -> None:
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


def _exposition(metrics: Metrics) -> Response:
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
        return _exposition(request.app.state.metrics)

    return router


def metrics_app(metrics: Metrics) -> Starlette:
    """A listener of its own that serves /metrics and nothing else (KITH_METRICS_ADDRESS)."""

    async def exposition(request: Request) -> Response:
        return _exposition(metrics)

    return Starlette(routes=[Route("/metrics", exposition, methods=["GET"])])
