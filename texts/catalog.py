"""The one text catalog: gettext through Babel, one translation per chat language.

Message ids are the English texts in `texts/chat.py` (marked with `N_`, so
`pybabel extract -k N_ bot` finds them). Compiled catalogs live in
`bot/locale/<lang>/LC_MESSAGES/kith.mo`; a language with no catalog falls back to English.
Tests register a pseudo-locale here to prove no user-facing text bypasses the catalog.
"""

from __future__ import annotations

from functools import lru_cache
from gettext import NullTranslations
from pathlib import Path

from babel.support import Translations

DOMAIN = "kith"
LOCALE_DIR = Path(__file__).parent / "locale"
DEFAULT_LANGUAGE = "en"
# Each language's own name, shown on the /language buttons (never translated).
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "cy": "Cymraeg",
    "pl": "Polski",
    "ar": "العربية",
    "uk": "Українська",
}
_registered: dict[str, NullTranslations] = {}


def N_(message: str) -> str:
    """Mark a message id for extraction; translation happens when it is said."""
    return message


def register(language: str, translations: NullTranslations, name: str | None = None) -> None:
    """Add a language at run time (tests use this for the pseudo-locale)."""
    _registered[language] = translations
    LANGUAGE_NAMES.setdefault(language, name or language)
    translations_for.cache_clear()


def unregister(language: str) -> None:
    _registered.pop(language, None)
    translations_for.cache_clear()


def available_languages() -> list[str]:
    """English, every compiled catalog shipped, and any registered language."""
    shipped = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return [DEFAULT_LANGUAGE, *[x for x in [*shipped, *_registered] if x != DEFAULT_LANGUAGE]]


@lru_cache(maxsize=32)
def translations_for(language: str) -> NullTranslations:
    if language in _registered:
        return _registered[language]
    return Translations.load(str(LOCALE_DIR), [language], DOMAIN)


def t(language: str | None, message: str, **values: object) -> str:
    """`message` in `language`, placeholders filled after translation."""
    translated = translations_for(language or DEFAULT_LANGUAGE).gettext(message)
    return translated.format(**values) if values else translated
