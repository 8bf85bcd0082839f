"""The Telegram webhook route: only Telegram (holding the secret) may post updates."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.app import ApiContext, create_app
from api.webhook import SECRET_HEADER, TelegramWebhook


async def test_updates_need_the_secret_and_reach_the_bot(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    delivered: list[dict[str, Any]] = []

    async def deliver(update: dict[str, Any]) -> None:
        delivered.append(update)

    webhook = TelegramWebhook(path="/telegram/webhook", secret="s3cret", deliver=deliver)
    app = create_app(ApiContext(sessionmaker=sessionmaker, telegram_webhook=webhook))
    update = {
        "update_id": 7,
        "message": {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}},
    }
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://kith") as client:
        missing = await client.post("/telegram/webhook", json=update)
        wrong = await client.post("/telegram/webhook", json=update, headers={SECRET_HEADER: "nope"})
        garbled = await client.post(
            "/telegram/webhook", content=b"{not json", headers={SECRET_HEADER: "s3cret"}
        )
        not_update = await client.post(
            "/telegram/webhook", json={"hello": 1}, headers={SECRET_HEADER: "s3cret"}
        )
        accepted = await client.post(
            "/telegram/webhook", json=update, headers={SECRET_HEADER: "s3cret"}
        )
    assert (missing.status_code, wrong.status_code) == (403, 403)
    assert missing.headers["content-type"] == "application/problem+json"
    assert (garbled.status_code, not_update.status_code) == (400, 400)
    assert accepted.status_code == 200
    assert delivered == [update]


async def test_without_webhook_mode_there_is_no_route(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    app = create_app(ApiContext(sessionmaker=sessionmaker))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://kith") as client:
        answer = await client.post("/telegram/webhook", json={"update_id": 1})
    assert answer.status_code == 404
