"""The Telegram webhook route: Telegram (or the sandbox) POSTs each update here.

The API does not know the bot: `kith` hands it a callable that puts the update on the bot's
queue (python-telegram-bot's custom-webhook pattern). The secret header is compared in
constant time; without it the answer is 403, so nobody else can inject updates.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 (a header name)
DeliverUpdate = Callable[[dict[str, Any]], Awaitable[None]]


@dataclass(frozen=True)
class TelegramWebhook:
    path: str
    secret: str
    deliver: DeliverUpdate


def _problem(status: int, title: str, detail: str) -> JSONResponse:
    return JSONResponse(
        {"type": "about:blank", "title": title, "status": status, "detail": detail},
        status_code=status,
        media_type="application/problem+json",
    )


def webhook_router(webhook: TelegramWebhook) -> APIRouter:
    router = APIRouter(tags=["telegram"], include_in_schema=False)

    @router.post(webhook.path)
    async def telegram_update(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), webhook.secret.encode()):
            return _problem(403, "Forbidden", "missing or wrong secret token")
        try:
            update = json.loads(await request.body())
        except ValueError:
            return _problem(400, "Bad Request", "the body is not JSON")
        if not isinstance(update, dict) or not isinstance(update.get("update_id"), int):
            return _problem(400, "Bad Request", "not a Telegram update")
        await webhook.deliver(update)
        return Response(status_code=200)

    return router
