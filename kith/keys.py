"""Where the encryption keys come from: the setting, or for embedded SQLite a key file."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from kith.settings import Settings, split_keys
from models.core import crypto

log = logging.getLogger("kith.keys")


def key_file_for(database: Path) -> Path:
    return database.with_name(database.name + ".key")


def resolve_keys(settings: Settings) -> list[str]:
    """The configured keys; or, for embedded SQLite, a 0600 key file made beside the database."""
    if settings.encryption_keys is not None:
        return split_keys(settings.encryption_keys.get_secret_value())
    database = settings.sqlite_path
    if database is None:
        log.warning("no KITH_ENCRYPTION_KEYS for an in-memory database: using a throwaway key")
        return [crypto.new_key()]
    key_file = key_file_for(database.resolve())
    if key_file.exists():
        return split_keys(key_file.read_text())
    key_file.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(crypto.new_key() + "\n")
    log.warning(
        "!!! Created encryption key file %s (mode 0600). BACK IT UP WITH THE DATABASE: "
        "without it, encrypted contact details and notes cannot be read. !!!",
        key_file,
    )
    return split_keys(key_file.read_text())


def configure_keys(settings: Settings) -> None:
    crypto.configure(resolve_keys(settings))
