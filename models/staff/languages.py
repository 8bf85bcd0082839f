"""Which languages an organisation offers its young people, and the language of its nudges.

By default an organisation offers every complete language (so a language added to Kith
later is offered at once); it may instead name the ones it offers. English, the language
every text is written in first, is always offered. The choice in a chat is the young
person's: one who chose a language keeps it even if their council stops offering it.
"""

from __future__ import annotations

from collections.abc import Sequence

from models.staff.organisation import Organisation
from texts.catalog import available_languages
from texts.coverage import language_state
from texts.languages import DEFAULT_LANGUAGE, LANGUAGES


class LanguageChoiceError(ValueError):
    """A language that cannot be offered or used, and why, for the admin to act on."""


def offered_languages(organisation: Organisation | None) -> list[str]:
    """The languages offered in this organisation's chats (all complete ones with none yet)."""
    complete = available_languages()
    if organisation is None or organisation.offered_languages is None:
        return list(complete)
    chosen = [code for code in organisation.offered_languages.split(",") if code in complete]
    return [DEFAULT_LANGUAGE, *[code for code in chosen if code != DEFAULT_LANGUAGE]]


def _why_not(code: str) -> str | None:
    if code not in LANGUAGES:
        known = ", ".join(LANGUAGES)
        return f"{code!r} is not a language Kith knows (it knows {known})"
    state = language_state(code)
    if not state.complete:
        return (
            f"{code} ({state.language.english}) has {state.translated} of {state.total} "
            "texts translated; only a complete language can be offered"
        )
    return None


def offered_setting(codes: Sequence[str]) -> str:
    """The stored form of an admin's list of offered languages; refuses an unusable one."""
    problems = [why for code in codes if (why := _why_not(code)) is not None]
    if problems:
        raise LanguageChoiceError("; ".join(problems))
    return ",".join(dict.fromkeys([DEFAULT_LANGUAGE, *codes]))


def check_staff_language(code: str) -> str:
    """An organisation's nudge language must have every coordinator's text translated."""
    if code not in LANGUAGES:
        raise LanguageChoiceError(f"{code!r} is not a language Kith knows")
    state = language_state(code)
    if not state.staff_complete:
        raise LanguageChoiceError(
            f"{code} ({state.language.english}) lacks {len(state.staff_missing)} of the "
            "coordinators' texts; nudges can only be written in a language that has them all"
        )
    return code


def spoken(code: str | None) -> str:
    """The language to speak to someone whose record says `code`: English if Kith lacks it."""
    return code if code is not None and code in LANGUAGES else DEFAULT_LANGUAGE
