"""The edge's one rule for text: no NUL and no lone surrogate gets past it, in the path, the
query, a JSON body or a form, whatever the route. Such a string is never typed by a person,
and a database (PostgreSQL refuses NUL) or an encryptor would fail on it with a 500 deep
inside; here it is a 422 naming the field, before any route runs.

The body is read once (BodyLimit, outside, bounds it) and handed on unchanged.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.middleware import problem_messages

BAD = re.compile("[\x00\ud800-\udfff]")
WHY = "must be text without NUL characters or lone surrogates"


def bad_strings(value: Any, where: str) -> Iterator[str]:
    """Where, in a decoded JSON value, a string (or an object's key) is not clean text."""
    if isinstance(value, str):
        if BAD.search(value):
            yield where
    elif isinstance(value, dict):
        for key, item in value.items():
            if BAD.search(key):
                yield f"{where}.{key.encode('utf-8', 'backslashreplace').decode()}"
            else:
                yield from bad_strings(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from bad_strings(item, f"{where}.{index}")


def _pairs(text: str, where: str) -> Iterator[str]:
    for name, value in parse_qsl(text, keep_blank_values=True):
        if BAD.search(name) or BAD.search(value):
            yield f"{where}.{name.replace(chr(0), '')}"


def _content_type(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            return str(value.decode("latin-1")).split(";")[0].strip().lower()
    return ""


def _body_problems(content_type: str, body: bytes) -> list[str]:
    if not body:
        return []
    if content_type == "application/x-www-form-urlencoded":
        return list(_pairs(body.decode("latin-1"), "body"))
    if content_type == "application/json" or content_type.endswith("+json"):
        try:
            decoded = json.loads(body)
        except ValueError:
            return []  # not JSON: the route's own parsing answers that
        return list(bad_strings(decoded, "body"))
    if content_type.startswith("multipart/"):
        return ["body"] if b"\x00" in body else []
    return []


class TextGuard:
    def __init__(self, app: ASGIApp, *, skip_paths: frozenset[str] = frozenset()) -> None:
        self.app = app
        self.skip_paths = skip_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.skip_paths:
            await self.app(scope, receive, send)
            return
        problems = ["path"] if BAD.search(scope["path"]) else []
        query = scope.get("query_string", b"").decode("latin-1")
        problems += _pairs(query, "query")
        messages: list[Message] = []
        if scope.get("method") in ("POST", "PUT", "PATCH", "DELETE"):
            body = b""
            while True:
                try:
                    message = await receive()
                except HTTPException as refused:  # BodyLimit: too large
                    for answer in problem_messages(refused.status_code, refused.detail):
                        await send(answer)
                    return
                messages.append(message)
                if message["type"] != "http.request":
                    break
                body += message.get("body", b"")
                if not message.get("more_body", False):
                    break
            problems += _body_problems(_content_type(scope), body)
        if problems:
            errors = [{"field": where, "message": WHY} for where in problems]
            for message in problem_messages(422, f"{problems[0]}: {WHY}", errors=errors):
                await send(message)
            return

        async def replay() -> Message:
            if messages:
                return messages.pop(0)
            return await receive()

        await self.app(scope, replay, send)
