"""The one text catalog: gettext through Babel, one translation per language.

Message ids are the English texts in `texts/` (marked with `N_`, so `pybabel extract -k N_` finds
them). Each language's translation is its .po file, `texts/locale/<catalog>/LC_MESSAGES/
kith.po`, compiled in memory the first time it is used (texts/catalog_files.py says why);
a text a catalog lacks, or whose placeholders it broke, is said in English.
Tests register a pseudo-locale here to prove no user-facing text bypasses the catalog.
"""

from __future__ import annotations

from functools import lru_cache
from gettext import NullTranslations

from texts.catalog_files import read_catalog_file
from texts.coverage import DOMAIN, LOCALE_DIR, catalog_path, complete_languages
from texts.languages import DEFAULT_LANGUAGE, LANGUAGES, Language
from texts.values import shown

__all__ = ["DEFAULT_LANGUAGE", "DOMAIN", "LOCALE_DIR", "N_", "available_languages", "t"]
_registered: dict[str, NullTranslations] = {}
_added: set[str] = set()  # registered codes that are not among Kith's own languages


def N_(message: str) -> str:
    """Mark a message id for extraction; translation happens when it is said."""
    return message


def register(language: str, translations: NullTranslations, name: str | None = None) -> None:
    """Add a language at run time (tests use this for the pseudo-locale)."""
    _registered[language] = translations
    if language not in LANGUAGES:
        LANGUAGES[language] = Language(language, language, name or language, "test")
        _added.add(language)
    translations_for.cache_clear()


def unregister(language: str) -> None:
    _registered.pop(language, None)
    if language in _added:
        LANGUAGES.pop(language, None)
        _added.discard(language)
    translations_for.cache_clear()


def available_languages() -> list[str]:
    """English, every complete catalog shipped, and any registered language."""
    shipped = complete_languages()
    return [*shipped, *[code for code in _registered if code not in shipped]]


@lru_cache(maxsize=32)
def translations_for(language: str) -> NullTranslations:
    if language in _registered:
        return _registered[language]
    path = catalog_path(language)
    if language == DEFAULT_LANGUAGE or language not in LANGUAGES or not path.is_file():
        return NullTranslations()
    return read_catalog_file(path).translations()


def t(language: str | None, message: str, **values: object) -> str:
    """`message` in `language`, placeholders filled after translation, values shown its way."""
    code = language or DEFAULT_LANGUAGE
    translated = translations_for(code).gettext(message)
    if not values:
        return translated
    # A text that is one value alone (a button showing a name) needs no isolating marks.
    alone = translated.strip().startswith("{") and translated.strip().endswith("}")
    return translated.format(
        **{name: value if alone else shown(value, code) for name, value in values.items()}
    )
