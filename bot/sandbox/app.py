"""The sandbox's HTTP face: `/bot<token>/<method>` as Telegram serves it, and file downloads.

The answer envelope and the HTTP status are Telegram's (status == error_code), because
python-telegram-bot reads the status. Faults (5xx, 429, slowness, dropped connections) are
applied here, before the method runs (a late answer: after it); each answer is logged in the
world's call log when it is on.
"""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import Iterable
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import Receive, Scope, Send

from bot.sandbox.clock import Clock
from bot.sandbox.errors import (
    NOT_FOUND,
    UNAUTHORIZED,
    ApiError,
    bad_request,
    too_many_requests,
)
from bot.sandbox.limits import Limits
from bot.sandbox.methods import BY_NAME
from bot.sandbox.params import Upload, read_params
from bot.sandbox.world import BotWorld

SERVER_ERRORS = {
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


class Sandbox:
    """Every bot the sandbox knows, by token: each test or demo gets its own world."""

    def __init__(self, *, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self.worlds: dict[str, BotWorld] = {}

    def new_bot(
        self,
        *,
        username: str = "kith_sandbox_bot",
        first_name: str = "Kith",
        clock: Clock | None = None,
        limits: Limits | None = None,
        token: str | None = None,
    ) -> BotWorld:
        token = token or f"{secrets.randbelow(9 * 10**9) + 10**9}:{secrets.token_urlsafe(26)}"
        world = BotWorld(
            token,
            username=username,
            first_name=first_name,
            limits=limits or self.limits,
            clock=clock,
        )
        self.worlds[token] = world
        return world

    async def forget(self, world: BotWorld) -> None:
        await world.close()
        self.worlds.pop(world.token, None)

    async def close(self) -> None:
        for world in list(self.worlds.values()):
            await self.forget(world)

    def app(self, extra_routes: Iterable[BaseRoute] = ()) -> Starlette:
        return Starlette(
            routes=[
                Route("/bot{token}/{method}", self._method, methods=["GET", "POST"]),
                Route("/file/bot{token}/{path:path}", self._file, methods=["GET"]),
                *extra_routes,
            ]
        )

    async def _method(self, request: Request) -> Response:
        world = self.worlds.get(request.path_params["token"])
        if world is None:
            return _error(UNAUTHORIZED)
        return await call(world, request.path_params["method"], request)

    async def _file(self, request: Request) -> Response:
        world = self.worlds.get(request.path_params["token"])
        if world is None:
            return _error(UNAUTHORIZED)
        stored = world.files.by_path(request.path_params["path"])
        if stored is None:
            return _error(NOT_FOUND)
        return Response(stored.content, media_type=stored.mime_type)


async def call(world: BotWorld, name: str, request: Request) -> Response:
    method = BY_NAME.get(name.lower())
    if method is None:
        return _error(NOT_FOUND)
    try:
        raw = await _raw_params(request)
    except ApiError as error:
        return _error(error)
    answer_after = 0.0
    for fault in world.faults.take(method.name):
        if fault.kind == "slow":
            await asyncio.sleep(fault.seconds)
        elif fault.kind == "late":
            answer_after = fault.seconds
        elif fault.kind == "server_error":
            description = SERVER_ERRORS.get(fault.status, "Server Error")
            return _answered(world, method.name, raw, ApiError(fault.status, description))
        elif fault.kind == "rate_limited":
            return _answered(world, method.name, raw, too_many_requests(int(fault.seconds)))
        else:
            world.calls.record(method.name, raw, 0)
            return DroppedConnection()
    try:
        params = read_params(method, raw)
        result = await method.handler(world, params)
    except ApiError as error:
        return _answered(world, method.name, raw, error)
    world.calls.record(method.name, raw, 200)
    if answer_after:
        await asyncio.sleep(answer_after)
    return JSONResponse({"ok": True, "result": result})


def _answered(world: BotWorld, method: str, raw: dict[str, Any], error: ApiError) -> Response:
    world.calls.record(method, raw, error.status)
    return _error(error)


async def _raw_params(request: Request) -> dict[str, Any]:
    raw: dict[str, Any] = dict(request.query_params)
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        body = await request.body()
        try:
            decoded = json.loads(body) if body else {}
        except ValueError as exc:
            raise bad_request("can't parse JSON object") from exc
        if not isinstance(decoded, dict):
            raise bad_request("can't parse JSON object")
        raw.update(decoded)
    elif content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        form = await request.form()
        for key, value in form.multi_items():
            if isinstance(value, str):
                raw[key] = value
            else:
                content = await value.read()
                raw[key] = Upload(content, value.filename or key, value.content_type or "")
    return raw


def _error(error: ApiError) -> JSONResponse:
    return JSONResponse(error.body(), status_code=error.status)


class DroppedConnection(Response):
    """Start an answer, then hang up: the client sees the connection close mid-response."""

    def __init__(self) -> None:
        super().__init__()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"content-length", b"1000")],
            }
        )
        await send({"type": "http.response.body", "body": b'{"ok":', "more_body": True})
