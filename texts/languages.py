"""The thirteen languages Kith speaks, and which one a Telegram app's language code means.

A language's Kith code is a BCP 47 tag, the form Telegram reports (`language_code`) and the
form stored on a young person's record and shown in the API. Its catalog is the gettext
locale Babel knows, the directory under `texts/locale/`: the same but for Dari, whose
BCP 47 tag `prs` Babel (CLDR) does not know, so Kith calls it `fa-AF` (Persian as written
in Afghanistan) with the catalog `fa_AF`, and Babel formats its dates the Afghan way.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Language:
    code: str
    catalog: str
    # Its own name, on the /language button: never translated, so anyone can find theirs.
    name: str
    english: str
    right_to_left: bool = False


LANGUAGES: dict[str, Language] = {
    language.code: language
    for language in (
        Language("en", "en", "English", "English"),
        Language("ar", "ar", "العربية", "Arabic", right_to_left=True),
        Language("ckb", "ckb", "کوردی سۆرانی", "Sorani Kurdish", right_to_left=True),
        Language("ps", "ps", "پښتو", "Pashto", right_to_left=True),
        Language("fa-AF", "fa_AF", "دری", "Dari", right_to_left=True),
        Language("fa", "fa", "فارسی", "Farsi", right_to_left=True),
        Language("ti", "ti", "ትግርኛ", "Tigrinya"),
        Language("am", "am", "አማርኛ", "Amharic"),
        Language("vi", "vi", "Tiếng Việt", "Vietnamese"),
        Language("sq", "sq", "Shqip", "Albanian"),
        Language("pl", "pl", "Polski", "Polish"),
        Language("uk", "uk", "Українська", "Ukrainian"),
        Language("cy", "cy", "Cymraeg", "Welsh"),
    )
}
# Codes a Telegram app may report that mean one of ours but are not ours as written.
ALIASES = {
    "prs": "fa-AF",  # Dari's own ISO 639-3 code
    "ckb-iq": "ckb",
    "ckb-ir": "ckb",
    "ku-arab": "ckb",  # Kurdish in Arabic script is Sorani; plain "ku" is Kurmanji, not ours
}


def language_for(code: str | None) -> str | None:
    """The Kith language a reported code means ("ar-SA" -> "ar"), or None if none of ours.

    Case and separator do not matter ("fa_IR", "FA-ir"); a regional variant means its
    language unless we have that region's own (Dari for "fa-AF").
    """
    if not code:
        return None
    tag = code.strip().replace("_", "-").lower()
    by_lower = {known.lower(): known for known in LANGUAGES}
    for candidate in (tag, tag.split("-", 1)[0]):
        found = by_lower.get(candidate) or ALIASES.get(candidate)
        if found is not None:
            return found
    # "ku-Arab-IQ": try the language and script before giving up.
    parts = tag.split("-")
    return ALIASES.get("-".join(parts[:2])) if len(parts) > 2 else None


def catalog_code(code: str) -> str:
    """The gettext locale (directory under texts/locale) for a Kith code."""
    language = LANGUAGES.get(code)
    return language.catalog if language is not None else code.replace("-", "_")
