"""Settings: good defaults, one clear line naming the bad setting, secrets never shown."""

from __future__ import annotations

import os
import stat

import pytest

from kith.keys import key_file_for, resolve_keys
from kith.settings import SettingsError, load_settings
from tests.conftest import TEST_KEY


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch, tmp_path):
    for name in list(os.environ):
        if name.startswith("KITH_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def test_defaults_are_embedded_sqlite_on_loopback():
    settings = load_settings()
    assert settings.database_url == "sqlite+aiosqlite:///./kith.db"
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)
    assert settings.timezone == "Europe/London"
    assert settings.telegram_api_url == "https://api.telegram.org/bot"
    assert settings.bot_concurrent_updates == 8


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("KITH_PORT", "99999", "Invalid setting KITH_PORT"),
        ("KITH_PORT", "eighty", "Invalid setting KITH_PORT"),
        ("KITH_DATABASE_URL", "mysql://x", "Invalid setting KITH_DATABASE_URL"),
        ("KITH_TIMEZONE", "Mars/Olympus", "Invalid setting KITH_TIMEZONE"),
        ("KITH_QUIET_HOURS", "late-early", "Invalid setting KITH_QUIET_HOURS"),
        ("KITH_CHECKIN_CADENCE", "2 weeks", "Invalid setting KITH_CHECKIN_CADENCE"),
        ("KITH_ENCRYPTION_KEYS", "not-a-key", "Invalid setting KITH_ENCRYPTION_KEYS"),
        ("KITH_TELEGRAM_API_URL", "ftp://x", "Invalid setting KITH_TELEGRAM_API_URL"),
        ("KITH_TRUSTED_PROXIES", "10.0.0.1,proxy", "Invalid setting KITH_TRUSTED_PROXIES"),
        ("KITH_BOT_CONCURRENT_UPDATES", "0", "Invalid setting KITH_BOT_CONCURRENT_UPDATES"),
        ("KITH_BOT_CONCURRENT_UPDATES", "500", "Invalid setting KITH_BOT_CONCURRENT_UPDATES"),
        ("KITH_METRICS_ADDRESS", "9464", "Invalid setting KITH_METRICS_ADDRESS"),
        ("KITH_METRICS_ADDRESS", "127.0.0.1:8000", "Invalid setting settings: KITH_METRICS"),
        ("KITH_METRICS_TOKEN", "short", "Invalid setting KITH_METRICS_TOKEN"),
    ],
)
def test_a_bad_value_fails_with_one_line_naming_the_setting(monkeypatch, name, value, expected):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith(expected)
    assert "\n" not in message


def test_postgres_requires_keys(monkeypatch):
    monkeypatch.setenv("KITH_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1/kith")
    with pytest.raises(SettingsError, match="KITH_ENCRYPTION_KEYS"):
        load_settings()


def test_webhook_needs_a_secret(monkeypatch):
    monkeypatch.setenv("KITH_WEBHOOK_URL", "https://kith.example.org/telegram")
    with pytest.raises(SettingsError, match="KITH_WEBHOOK_SECRET"):
        load_settings()


def test_secrets_never_appear_in_repr(monkeypatch):
    monkeypatch.setenv("KITH_TELEGRAM_TOKEN", "123456:SECRET-TOKEN")
    monkeypatch.setenv("KITH_ENCRYPTION_KEYS", TEST_KEY)
    monkeypatch.setenv("KITH_WEBHOOK_SECRET", "hush-hush")
    settings = load_settings()
    shown = repr(settings) + str(settings) + str(settings.model_dump())
    for secret in ("SECRET-TOKEN", TEST_KEY, "hush-hush"):
        assert secret not in shown


def test_sqlite_without_keys_makes_a_private_key_file_once(tmp_path, caplog):
    settings = load_settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'kith.db'}")
    first = resolve_keys(settings)
    key_file = key_file_for((tmp_path / "kith.db").resolve())
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert "BACK IT UP" in caplog.text
    caplog.clear()
    assert resolve_keys(settings) == first
    assert "BACK IT UP" not in caplog.text
