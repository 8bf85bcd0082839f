"""Pages from Jinja2 templates shipped in this package, their texts through the one catalog.

Autoescaping is on for every template: a young person's or a relative's name is never markup.
Texts are marked with `_()` in the templates and translated with the catalog's translations
(Jinja2's i18n extension), so `pybabel extract` finds them with the rest (texts/babel.cfg).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from texts.catalog import DEFAULT_LANGUAGE, translations_for

TEMPLATES = Path(__file__).parent / "templates"
STAFF_ZONE = ZoneInfo("Europe/London")


def when(value: datetime | None) -> str:
    """A moment as a coordinator in England reads it: 'Tue 3 Mar 2026, 14:05'."""
    if value is None:
        return ""
    return value.astimezone(STAFF_ZONE).strftime("%a %-d %b %Y, %H:%M")


def _day(value: date | None) -> str:
    return "" if value is None else value.strftime("%a %-d %b %Y")


def _label(value: object) -> str:
    """An enum value as words: 'safety_checked' -> 'safety checked'."""
    text = getattr(value, "value", value)
    return "" if text is None else str(text).replace("_", " ")


def _environment(language: str) -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # Added to the environment at run time by jinja2.ext.i18n, so its stubs cannot know it.
    environment.install_gettext_translations(  # type: ignore[attr-defined]
        translations_for(language), newstyle=True
    )
    environment.filters.update(
        when=when,
        day=_day,
        label=_label,
        tuple_label=lambda value: (str(value), _label(value)),
        coordinator_option=lambda user: (str(user.id), user.display_name),
    )
    return environment


_environments: dict[str, Environment] = {}


def environment(language: str = DEFAULT_LANGUAGE) -> Environment:
    if language not in _environments:
        _environments[language] = _environment(language)
    return _environments[language]


def link(request: Request, name: str, **params: object) -> str:
    """A page's path by its route name, inside this workspace wherever it is mounted (the
    host app's own routes may have the same names: `request.url_for` would find those)."""
    root = str(request.scope.get("root_path", ""))
    return root + str(request.app.url_path_for(name, **{k: str(v) for k, v in params.items()}))


def render(
    request: Request, template: str, *, status_code: int = 200, **values: Any
) -> HTMLResponse:
    """A page: the template with the signed-in person, their CSRF token and the idle time."""
    state = request.state
    values.setdefault("staff", getattr(state, "staff", None))
    values.setdefault("csrf", getattr(state, "csrf", ""))
    values.setdefault("idle_seconds", getattr(state, "idle_seconds", 0))
    values.setdefault("errors", {})
    values.setdefault("typed", {})
    html = (
        environment()
        .get_template(template)
        .render(request=request, url=lambda name, **p: link(request, name, **p), **values)
    )
    return HTMLResponse(html, status_code=status_code, headers={"content-security-policy": CSP})


# Everything from this server, nothing inline: no CDN, nothing fetched at run time.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
