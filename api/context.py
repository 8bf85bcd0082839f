"""What `kith` hands the API: built once at start-up, put on `app.state.kith`."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.webhook import TelegramWebhook
from models.core.clock import Clock, SystemClock


@dataclass
class ApiContext:
    """Everything the routes need. Add fields with defaults; never remove one (others use it)."""

    sessionmaker: async_sessionmaker[AsyncSession]
    clock: Clock = field(default_factory=SystemClock)
    production: bool = False
    # Second factor at login; may be off only outside production (settings refuse otherwise).
    require_totp: bool = True
    # The bot's username, for deep links: https://t.me/<bot_username>?start=<code>.
    bot_username: str = "KithCompanionBot"
    # Each failed login past the third waits this long per failure (capped) before answering.
    login_slowdown_seconds: float = 0.5
    max_body_bytes: int = 64 * 1024
    # /metrics on the API's port, behind this bearer token (KITH_METRICS_TOKEN); None: not here.
    metrics_token: str | None = None
    # Set by `kith` in webhook mode: where Telegram posts updates, and how they reach the bot.
    telegram_webhook: TelegramWebhook | None = None
