"""Settings, read once from the environment (prefix KITH_) or a .env file."""

from __future__ import annotations

import ipaddress
from datetime import time
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cryptography.fernet import Fernet
from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from models.checkins.cadence import CadenceError, parse_cadence

TELEGRAM_API_URL = "https://api.telegram.org/bot"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="KITH_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    environment: Literal["development", "production", "test"] = "development"
    database_url: str = "sqlite+aiosqlite:///./kith.db"
    telegram_token: SecretStr | None = None
    telegram_api_url: str = TELEGRAM_API_URL
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    encryption_keys: SecretStr | None = None
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    # Reverse proxies whose X-Forwarded-For is believed (comma-separated addresses or
    # networks, "*" for any): sign-in throttling counts the real client's address, not the
    # proxy's. The default trusts a proxy on this machine only.
    trusted_proxies: str = "127.0.0.1,::1"
    # The playground's page and local Bot API sandbox (only when no telegram_token is set).
    playground_port: int = Field(default=8001, ge=0, le=65535)
    timezone: str = "Europe/London"
    quiet_hours: str = "21:00-08:00"
    working_hours: str = "09:00-17:00"
    checkin_cadence: str = "14d,42d,3m,6m,9m,12m"
    require_totp: bool = True
    # For deep links (https://t.me/<bot_username>?start=<code>) in invites and chat links.
    bot_username: str = Field(default="KithCompanionBot", pattern=r"^[A-Za-z][A-Za-z0-9_]{4,31}$")
    # The council (its slug) whose team places self-referrals from young people who don't
    # know their council (models/referrals/council_search.py).
    placing_council: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")
    # Telegram's limits, held across every Kith process together (see models/outbox/pace.py).
    send_per_second: float = Field(default=30.0, gt=0, le=1000)
    send_per_chat_per_second: float = Field(default=1.0, gt=0, le=100)
    # Updates of different chats the bot handles at once (each chat's stay in order). Each
    # may hold two database connections (its own and a send slot's): keep 2 x this under the
    # pool's size (models/core/db.py: 20 on PostgreSQL, SQLAlchemy's 15 on SQLite).
    bot_concurrent_updates: int = Field(default=8, ge=1, le=64)
    send_max_attempts: int = Field(default=5, ge=1, le=50)
    # A claimed outbox row is held this long, renewed while its sender lives: a crashed
    # scheduler's rows are sent by another within seconds (models/outbox/claiming.py).
    outbox_lease_seconds: int = Field(default=6, ge=3, le=3600)
    # How long a send waits for Telegram's answer; past it the send is uncertain (it may
    # have arrived) and is counted: long enough for Telegram's normal slow answers.
    send_timeout_seconds: float = Field(default=30.0, ge=1, le=300)
    checkin_grace_hours: int = Field(default=24, ge=1, le=24 * 14)
    reminder_grace_hours: int = Field(default=6, ge=1, le=24 * 7)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # The coordinator's workspace, served by `kith run` at /workspace (off: API only).
    workspace: bool = True
    workspace_idle_minutes: int = Field(default=30, ge=1, le=8 * 60)
    # The workspace's address as staff open it (links in nudge emails); by default this
    # server's own address.
    workspace_url: str | None = None
    # Email nudges by SMTP, for staff who choose email (My settings). No host: no email.
    smtp_host: str | None = None
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_tls: Literal["starttls", "ssl", "none"] = "starttls"
    smtp_sender: str = "kith@localhost"
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    # Prometheus metrics are off unless one of these is set: a bearer token the scraper sends
    # to /metrics on the API's port, or an address of their own (host:port) that only the
    # scraper reaches (then the API's port has no /metrics).
    metrics_token: SecretStr | None = Field(default=None, min_length=16)
    metrics_address: str | None = None
    # The API and workspace alone: no bot and no scheduler in this process (e.g. more API
    # workers beside the one that runs the bot, or production before the bot has a token).
    api_only: bool = False

    @property
    def workspace_address(self) -> str:
        return (self.workspace_url or f"http://{self.host}:{self.port}/workspace").rstrip("/")

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies(cls, value: str) -> str:
        for item in (part.strip() for part in value.split(",")):
            if item != "*":
                ipaddress.ip_network(item, strict=False)  # ValueError names the bad one
        return value

    @field_validator("metrics_address")
    @classmethod
    def _address(cls, value: str | None) -> str | None:
        if value is not None:
            split_address(value)
        return value

    @property
    def metrics_listener(self) -> tuple[str, int] | None:
        return split_address(self.metrics_address) if self.metrics_address else None

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("use sqlite+aiosqlite:///path.db or postgresql+asyncpg://user@host/db")
        return value

    @field_validator("telegram_api_url", "webhook_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown timezone '{value}' (e.g. Europe/London)") from exc
        return value

    @field_validator("quiet_hours", "working_hours")
    @classmethod
    def _window(cls, value: str) -> str:
        parse_window(value)
        return value

    @field_validator("checkin_cadence")
    @classmethod
    def _cadence(cls, value: str) -> str:
        try:
            parse_cadence(value)
        except CadenceError as exc:
            raise ValueError(str(exc)) from exc
        return value

    @field_validator("encryption_keys")
    @classmethod
    def _keys(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        keys = split_keys(value.get_secret_value())
        if not keys:
            raise ValueError("give one or more Fernet keys, separated by commas")
        for key in keys:
            try:
                Fernet(key.encode())
            except (ValueError, TypeError) as exc:
                raise ValueError("each key must be a Fernet key (kith keys new makes one)") from exc
        return value

    @model_validator(mode="after")
    def _production_rules(self) -> Settings:
        if self.is_postgres and self.encryption_keys is None:
            raise ValueError(
                "KITH_ENCRYPTION_KEYS is required with PostgreSQL (no key file is made for it)"
            )
        if self.webhook_url and self.webhook_secret is None:
            raise ValueError("KITH_WEBHOOK_SECRET is required when KITH_WEBHOOK_URL is set")
        if self.environment == "production" and not self.require_totp:
            raise ValueError("KITH_REQUIRE_TOTP may be off only outside production")
        if self.metrics_listener is not None and self.metrics_listener[1] == self.port:
            raise ValueError("KITH_METRICS_ADDRESS needs a port of its own, not KITH_PORT's")
        return self

    @property
    def is_postgres(self) -> bool:
        return self.database_url.startswith("postgresql")

    @property
    def sqlite_path(self) -> Path | None:
        if self.is_postgres:
            return None
        path = self.database_url.split(":///", 1)[1]
        return None if path in ("", ":memory:") else Path(path)

    @property
    def quiet_window(self) -> tuple[time, time]:
        return parse_window(self.quiet_hours)

    @property
    def working_window(self) -> tuple[time, time]:
        return parse_window(self.working_hours)


def split_address(text: str) -> tuple[str, int]:
    """ "127.0.0.1:9464" → ("127.0.0.1", 9464)."""
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise ValueError(f"'{text}' is not an address like 127.0.0.1:9464")
    return host.strip("[]"), int(port)


def split_keys(text: str) -> list[str]:
    return [k.strip() for k in text.split(",") if k.strip()]


def parse_window(text: str) -> tuple[time, time]:
    """ "21:00-08:00" → (21:00, 08:00)."""
    try:
        start, end = (time.fromisoformat(part.strip()) for part in text.split("-"))
    except ValueError as exc:
        raise ValueError(f"'{text}' is not a time window like 21:00-08:00") from exc
    return start, end


class SettingsError(SystemExit):
    """Start-up stops with one line naming the setting that is wrong."""


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = first.get("loc") or ()
        name = f"KITH_{str(loc[0]).upper()}" if loc else "settings"
        message = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
        raise SettingsError(f"Invalid setting {name}: {message}") from None
