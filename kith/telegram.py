"""The bot as a service of the running system: polling, or webhook through the API.

The same python-telegram-bot Application talks to Telegram, a self-hosted Bot API server or
the local sandbox: only the token and base URL differ (settings).
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from telegram import Update
from telegram.ext import Application

from api.webhook import TelegramWebhook

log = logging.getLogger("kith.bot")


class BotService:
    """Starts and stops the bot inside the API's event loop."""

    name = "bot"

    def __init__(
        self,
        application: Application,  # type: ignore[type-arg]
        *,
        webhook_url: str | None,
        webhook_secret: str | None,
        poll_timeout: int = 10,
    ) -> None:
        self.application = application
        self.webhook_url = webhook_url
        self.webhook_secret = webhook_secret
        self.poll_timeout = poll_timeout

    @property
    def mode(self) -> str:
        return "webhook" if self.webhook_url else "polling"

    def webhook(self) -> TelegramWebhook | None:
        """The API route that receives Telegram's POSTs (webhook mode only)."""
        if self.webhook_url is None or self.webhook_secret is None:
            return None
        path = urlsplit(self.webhook_url).path or "/"
        return TelegramWebhook(path=path, secret=self.webhook_secret, deliver=self.deliver)

    async def deliver(self, data: dict[str, Any]) -> None:
        """Hand one update from the webhook route to the bot (PTB's custom-webhook pattern)."""
        await self.application.update_queue.put(Update.de_json(data, self.application.bot))

    async def start(self) -> None:
        application = self.application
        await application.initialize()
        if self.webhook_url:
            await application.bot.set_webhook(
                self.webhook_url,
                secret_token=self.webhook_secret,
                allowed_updates=Update.ALL_TYPES,
            )
        else:
            assert application.updater is not None, "polling needs the Updater"
            await application.updater.start_polling(
                timeout=self.poll_timeout, allowed_updates=Update.ALL_TYPES
            )
        await application.start()
        log.info("Bot @%s running (%s)", application.bot.username, self.mode)

    async def stop(self) -> None:
        application = self.application
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        if application.running:
            await application.stop()
        await application.shutdown()
