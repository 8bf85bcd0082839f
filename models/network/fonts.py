"""The fonts the circle picture draws names with, so every young person's script shows.

Names come in Latin, Cyrillic, Vietnamese, Arabic script (Arabic, Farsi, Dari, Pashto,
Sorani) and Ethiopic (Tigrinya, Amharic). Matplotlib (3.11+) shapes and orders text with
libraqm, so Arabic letters join and run right to left; it needs fonts that have the glyphs.
The Noto fonts come from Debian's `fonts-noto-core`, which `scripts/setup.sh` installs (a
registry package, nothing fetched at run time). Families are tried in order for each
character: Noto Sans first (it has no Arabic, so an Arabic name is shaped whole in Noto Sans
Arabic, never split across two fonts), DejaVu Sans last for anything else.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from matplotlib import font_manager

NOTO_DIR = Path("/usr/share/fonts/truetype/noto")
NOTO_FILES = (
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold.ttf",
    "NotoSansEthiopic-Regular.ttf",
    "NotoSansEthiopic-Bold.ttf",
)
FAMILIES = ("Noto Sans", "Noto Sans Arabic", "Noto Sans Ethiopic", "DejaVu Sans")
log = logging.getLogger(__name__)


def missing_fonts() -> list[str]:
    """The Noto files this machine lacks (none after `scripts/setup.sh` as root)."""
    return [name for name in NOTO_FILES if not (NOTO_DIR / name).is_file()]


@cache
def name_families() -> list[str]:
    """The font families to draw with, registered with Matplotlib once per process."""
    for name in NOTO_FILES:
        path = NOTO_DIR / name
        if path.is_file():
            font_manager.fontManager.addfont(str(path))
    missing = missing_fonts()
    if missing:
        log.warning(
            "circle picture: fonts missing (%s); names in Arabic script or Ethiopic may show "
            "as boxes. Install Debian's fonts-noto-core (scripts/setup.sh does, as root).",
            ", ".join(missing),
        )
    available = {entry.name for entry in font_manager.fontManager.ttflist}
    return [family for family in FAMILIES if family in available]
