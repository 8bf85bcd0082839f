"""The playground's web chat page and the small JSON API behind it.

The page (static/playground.html) shows two Telegram-like chats: a young person's (they
choose a name and the language their Telegram app is set to) and the demo coordinator's.
It polls for changes with a long poll on `version`, so a message appears as soon as the
bot sends it.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.sandbox import people
from bot.sandbox.world import BotWorld, Entry, Person

PAGE = Path(__file__).with_name("static") / "playground.html"
LONG_POLL_SECONDS = 20.0
# A Telegram app's language as it reports it (an IETF tag: "en", "ar-SA", "fa-AF").
LANGUAGE_CODE = re.compile(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8}){0,2}$")


def view(entry: Entry) -> dict[str, Any]:
    """One message as the page draws it."""
    message = entry.message
    shown: dict[str, Any] = {
        "id": message["message_id"],
        "from_bot": entry.from_bot,
        "text": message.get("text") or message.get("caption") or "",
        "edited": "edit_date" in message,
        "buttons": [
            [{"text": b["text"], "data": b.get("callback_data"), "url": b.get("url")} for b in row]
            for row in (message.get("reply_markup") or {}).get("inline_keyboard", [])
        ],
    }
    if photo := message.get("photo"):
        shown["photo"] = f"/playground/files/{photo[-1]['file_id']}"
    if document := message.get("document"):
        shown["document"] = {
            "name": document.get("file_name", "file"),
            "url": f"/playground/files/{document['file_id']}",
        }
    for kind in ("sticker", "voice", "video", "location", "contact"):
        if kind in message:
            shown["kind"] = kind
    return shown


def playground_routes(
    world: BotWorld, coordinator: Person, workspace_link: str | None = None
) -> list[BaseRoute]:
    """The page's routes; `workspace_link` signs the demo coordinator in to the workspace."""

    async def page(request: Request) -> Response:
        return FileResponse(PAGE, media_type="text/html")

    async def state(request: Request) -> Response:
        return JSONResponse(
            {
                "bot": {"username": world.me.username, "name": world.me.first_name},
                "coordinator": {"chat_id": coordinator.id, "name": coordinator.first_name},
                "workspace": workspace_link,
            }
        )

    async def new_person(request: Request) -> Response:
        body = await _json(request)
        name = str(body.get("name", "")).strip()
        if not 1 <= len(name) <= 64:
            return JSONResponse({"detail": "a name of 1 to 64 characters"}, status_code=400)
        language = str(body.get("language_code") or "en").strip()
        if not LANGUAGE_CODE.match(language):
            return JSONResponse({"detail": "a language code like en or ar-SA"}, status_code=400)
        person = world.create_user(name, language_code=language)
        return JSONResponse(
            {"chat_id": person.id, "name": person.first_name, "language_code": language}
        )

    async def say(request: Request) -> Response:
        person = _person(world, request)
        text = str((await _json(request)).get("text", ""))
        if person is None or not text.strip():
            return JSONResponse({"detail": "unknown chat or empty text"}, status_code=400)
        people.says(world, person, text[:4096])
        return JSONResponse({"ok": True})

    async def tap(request: Request) -> Response:
        person = _person(world, request)
        body = await _json(request)
        entry = world.private_chat(person).entry(int(body.get("message_id", 0))) if person else None
        if person is None or entry is None or not body.get("data"):
            return JSONResponse({"detail": "no such button"}, status_code=400)
        people.taps(world, person, entry.message, str(body["data"]))
        return JSONResponse({"ok": True})

    async def chat(request: Request) -> Response:
        person = _person(world, request)
        if person is None:
            return JSONResponse({"detail": "unknown chat"}, status_code=404)
        since = int(request.query_params.get("since", "-1"))
        with contextlib.suppress(TimeoutError):
            await world.wait_until(lambda: world.version > since, within=LONG_POLL_SECONDS)
        conversation = world.private_chat(person)
        answers = [q.text for q in world.callback_queries.values() if q.text]
        return JSONResponse(
            {
                "version": world.version,
                "messages": [view(e) for e in conversation.entries if not e.deleted],
                "keyboard": conversation.reply_keyboard,
                "notice": answers[-1] if answers else None,
            }
        )

    async def file(request: Request) -> Response:
        stored = world.files.by_id(request.path_params["file_id"])
        if stored is None:
            return Response(status_code=404)
        return Response(stored.content, media_type=stored.mime_type)

    return [
        Route("/", page),
        Route("/playground/state", state),
        Route("/playground/people", new_person, methods=["POST"]),
        Route("/playground/chats/{chat_id:int}", chat),
        Route("/playground/chats/{chat_id:int}/messages", say, methods=["POST"]),
        Route("/playground/chats/{chat_id:int}/taps", tap, methods=["POST"]),
        Route("/playground/files/{file_id}", file),
    ]


def _person(world: BotWorld, request: Request) -> Person | None:
    return world.users.get(request.path_params["chat_id"])


async def _json(request: Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
