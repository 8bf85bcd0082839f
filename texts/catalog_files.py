"""A translation's .po file, read: its texts compiled in memory, who made it, how complete.

The .po files are the only thing committed: nothing generated (.mo) is kept beside them.
Kith compiles a catalog when a language is first used (Babel: .po -> .mo bytes in memory,
about 25-40 ms each, `bench/catalogs.py`), so a fresh clone, an editable install and CI
all read the very text a translator wrote, and no compiled copy can be stale or forgotten.

Each catalog's header says who translated it and whether a fluent speaker has reviewed it:

    "X-Kith-Translator: Name or organisation (how: by hand, or a draft)\\n"
    "X-Kith-Reviewed: no\\n"                      (or)
    "X-Kith-Reviewed: yes by Name, role, YYYY-MM-DD\\n"

A translation whose {placeholders} differ from the English is left out (that text stays in
English and the catalog counts as incomplete), so a slip in a catalog fails a test, never a
chat.
"""

from __future__ import annotations

import ast
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from string import Formatter

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

TRANSLATOR = "X-Kith-Translator"
REVIEWED = "X-Kith-Reviewed"
_HEADER = re.compile(r'^msgid ""\s*\nmsgstr ((?:"(?:[^"\\]|\\.)*"\s*\n?)+)', re.MULTILINE)


def placeholders(message: str) -> frozenset[str] | None:
    """The {names} a text fills in; None when its braces cannot be read ("{name", "}")."""
    try:
        return frozenset(name for _, name, _, _ in Formatter().parse(message) if name is not None)
    except ValueError:
        return None


def header_fields(po_text: str) -> dict[str, str]:
    """Every field of a .po header, Kith's own X- fields too (Babel keeps only the standard)."""
    found = _HEADER.search(po_text)
    if found is None:
        return {}
    quoted = re.findall(r'"(?:[^"\\]|\\.)*"', found.group(1))
    header = "".join(ast.literal_eval(part) for part in quoted)
    fields = {}
    for line in header.splitlines():
        name, colon, value = line.partition(":")
        if colon:
            fields[name.strip()] = value.strip()
    return fields


@dataclass(frozen=True)
class CatalogFile:
    """One language's .po, checked against the message ids Kith says."""

    catalog: Catalog
    translator: str
    reviewed_by: str | None
    # Message ids translated, not fuzzy, with their placeholders intact.
    usable: dict[str, str]
    # Message ids whose translation changes, loses or adds a {placeholder}.
    broken: list[str]

    @property
    def reviewed(self) -> bool:
        return self.reviewed_by is not None

    def missing(self, message_ids: Iterable[str]) -> list[str]:
        return [m for m in message_ids if m not in self.usable]

    def translations(self) -> Translations:
        """The usable texts compiled in memory, as gettext reads them."""
        compiled = Catalog(locale=self.catalog.locale, domain=self.catalog.domain)
        for message_id, text in self.usable.items():
            compiled.add(message_id, text)
        buffer = io.BytesIO()
        write_mo(buffer, compiled)
        buffer.seek(0)
        return Translations(buffer, domain=self.catalog.domain)


def _reviewer(value: str) -> str | None:
    """'yes by Name, role, date' -> 'Name, role, date'; 'no' or nothing -> None."""
    answer = value.strip()
    if not answer.lower().startswith("yes"):
        return None
    rest = answer[3:].strip(" ,:")
    rest = rest[2:].strip() if rest.lower().startswith("by") else rest
    return rest or "someone unnamed"


def read_catalog_file(path: Path) -> CatalogFile:
    raw = path.read_text(encoding="utf-8")
    catalog = read_po(io.StringIO(raw), domain="kith")
    fields = header_fields(raw)
    usable, broken = {}, []
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue
        text = message.string
        if not isinstance(text, str) or not text or message.fuzzy:
            continue
        wanted = placeholders(message.id)
        if placeholders(text) != wanted or wanted is None:
            broken.append(message.id)
            continue
        usable[message.id] = text
    return CatalogFile(
        catalog=catalog,
        translator=fields.get(TRANSLATOR, "").strip() or "not recorded",
        reviewed_by=_reviewer(fields.get(REVIEWED, "")),
        usable=usable,
        broken=broken,
    )
