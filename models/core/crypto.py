"""The key ring for third-party details at rest: MultiFernet, so keys can be rotated.

The first key encrypts; every key can decrypt. `kith` configures the ring at start-up.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class KeysNotConfiguredError(RuntimeError):
    """Raised when encrypted data is touched before `configure` was called."""


class UndecryptableError(RuntimeError):
    """A stored value could not be decrypted with any configured key."""


_ring: MultiFernet | None = None


def configure(keys: list[str]) -> None:
    """Install the key ring: the first key is primary, the rest are kept for old data."""
    global _ring
    if not keys:
        raise ValueError("at least one encryption key is needed")
    _ring = MultiFernet([Fernet(k.encode() if isinstance(k, str) else k) for k in keys])


def new_key() -> str:
    """A fresh Fernet key, as text."""
    return Fernet.generate_key().decode()


def _current() -> MultiFernet:
    if _ring is None:
        raise KeysNotConfiguredError("encryption keys are not configured (KITH_ENCRYPTION_KEYS)")
    return _ring


def encrypt(plaintext: str) -> str:
    return _current().encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return _current().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise UndecryptableError(
            "stored value cannot be decrypted with the configured keys"
        ) from exc


def rotate(token: str) -> str:
    """Re-encrypt a stored value under the primary key (used by `kith keys rotate`)."""
    return _current().rotate(token.encode("ascii")).decode("ascii")
