"""The framework's ceiling for bench/chat.py: a minimal python-telegram-bot echo bot.

Hosted exactly as Kith hosts its bot in webhook mode (uvicorn, one POST route that puts the
update on `application.update_queue`, updates handled one at a time as Kith does), but with
no database, no persistence and no rules: a text gets its echo (sendMessage), a button tap
is answered (answerCallbackQuery) and echoed (sendMessage). Kith does at least as many Bot API
calls per update (a tap also removes the old buttons), so the comparison is fair to PTB.

    python bench/chat_echo.py --token T --api-url http://127.0.0.1:P/bot --port 8123
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
from collections.abc import AsyncIterator

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

SECRET = "echo-bench-secret"
PATH = "/telegram/webhook"


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A text: its echo."""
    assert update.effective_message is not None and update.effective_chat is not None
    await context.bot.send_message(update.effective_chat.id, update.effective_message.text or "")


async def echo_tap(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A tap: answered, and its data echoed."""
    query = update.callback_query
    assert query is not None and update.effective_chat is not None
    await query.answer()
    await context.bot.send_message(update.effective_chat.id, query.data or "")


def build(token: str, api_url: str) -> Application:  # type: ignore[type-arg]
    application = (
        ApplicationBuilder()
        .token(token)
        .base_url(api_url)
        .updater(None)
        .concurrent_updates(False)
        .build()
    )
    application.add_handler(MessageHandler(filters.TEXT, echo))
    application.add_handler(CallbackQueryHandler(echo_tap))
    return application


def web_app(application: Application, webhook_url: str) -> Starlette:  # type: ignore[type-arg]
    async def receive(request: Request) -> Response:
        if request.headers.get("X-Telegram-Bot-Api-Secret-Token") != SECRET:
            return Response(status_code=403)
        data = json.loads(await request.body())
        await application.update_queue.put(Update.de_json(data, application.bot))
        return Response(status_code=200)

    async def healthz(request: Request) -> Response:
        return Response('{"status":"ok"}', media_type="application/json")

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with application:
            await application.bot.set_webhook(webhook_url, secret_token=SECRET)
            await application.start()
            yield
            await application.stop()

    return Starlette(
        routes=[Route(PATH, receive, methods=["POST"]), Route("/healthz", healthz)],
        lifespan=lifespan,
    )


async def serve(token: str, api_url: str, port: int) -> None:
    application = build(token, api_url)
    app = web_app(application, f"http://127.0.0.1:{port}{PATH}")
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    await uvicorn.Server(config).serve()  # uvicorn stops cleanly on SIGTERM / SIGINT


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--token", required=True)
    parser.add_argument("--api-url", required=True)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    asyncio.run(serve(args.token, args.api_url, args.port))
