"""Receiving updates: getUpdates (long poll) and the webhook methods."""

from __future__ import annotations

import re
from typing import Any

from bot.sandbox.errors import bad_request
from bot.sandbox.params import Method, param
from bot.sandbox.updates import Webhook
from bot.sandbox.world import BotWorld

SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
MAX_POLL_TIMEOUT = 50  # seconds, beyond which Telegram answers anyway


async def get_updates(world: BotWorld, params: dict[str, Any]) -> list[dict[str, Any]]:
    limit = params.get("limit", 100)
    if not 1 <= limit <= 100:
        limit = 100
    timeout = max(0, min(params.get("timeout", 0), MAX_POLL_TIMEOUT))
    return await world.updates.get(
        offset=params.get("offset"),
        limit=limit,
        wait=timeout,
        allowed=params.get("allowed_updates"),
    )


async def set_webhook(world: BotWorld, params: dict[str, Any]) -> bool:
    """Telegram insists on HTTPS on ports 443/80/88/8443; the sandbox takes any http(s) URL
    so a local Kith can receive updates on loopback."""
    url = params["url"]
    if url and not url.startswith(("http://", "https://")):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = params.get("secret_token")
    if secret is not None and not SECRET.match(secret):
        raise bad_request("secret token contains unallowed characters")
    if params.get("drop_pending_updates"):
        world.updates.drop_all()
    if params.get("allowed_updates") is not None:
        world.updates.allowed = frozenset(params["allowed_updates"]) or world.updates.allowed
    world.updates.set_webhook(Webhook(url, secret) if url else None)
    return True


async def delete_webhook(world: BotWorld, params: dict[str, Any]) -> bool:
    if params.get("drop_pending_updates"):
        world.updates.drop_all()
    world.updates.set_webhook(None)
    return True


async def get_webhook_info(world: BotWorld, params: dict[str, Any]) -> dict[str, Any]:
    webhook = world.updates.webhook
    info: dict[str, Any] = {
        "url": webhook.url if webhook else "",
        "has_custom_certificate": False,
        "pending_update_count": len(world.updates.pending),
    }
    if webhook is not None:
        info["max_connections"] = 1
        info["allowed_updates"] = sorted(world.updates.allowed)
        if webhook.last_error_date is not None:
            info["last_error_date"] = webhook.last_error_date
            info["last_error_message"] = webhook.last_error_message
    return info


DROP = param("drop_pending_updates", "Boolean")
ALLOWED = param("allowed_updates", "Array of String")
METHODS = (
    Method(
        "getUpdates",
        (
            param("offset", "Integer"),
            param("limit", "Integer"),
            param("timeout", "Integer"),
            ALLOWED,
        ),
        get_updates,
        ("Array of Update",),
    ),
    Method(
        "setWebhook",
        (
            param("url", "String", required=True, missing="url is empty"),
            param("max_connections", "Integer"),
            ALLOWED,
            DROP,
            param("secret_token", "String"),
        ),
        set_webhook,
        ("Boolean",),
    ),
    Method("deleteWebhook", (DROP,), delete_webhook, ("Boolean",)),
    Method("getWebhookInfo", (), get_webhook_info, ("WebhookInfo",)),
)
