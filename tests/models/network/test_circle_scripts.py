"""Names in every young person's script are drawn with real glyphs: Arabic joined, right to left.

The glyphs are read the way Matplotlib's Agg canvas draws them (its raqm layout over the
text's own fonts), so a missing font shows here as glyph 0 (the empty box), and a
shaping engine that did nothing shows as letters in their isolated forms.
"""

from __future__ import annotations

import unicodedata
import warnings

from matplotlib import _text_helpers, font_manager
from matplotlib.text import Text

from models.core.enums import Closeness, ConnectionCategory
from models.network.circle import CirclePerson, draw_circle, render_circle
from models.network.fonts import missing_fonts

# Every letter of each of these joins its neighbours (dual-joining, or a last letter).
ARABIC_SCRIPT = {
    "Arabic": "محمد",
    "Pashto": "ښکلا",
    "Farsi": "مهسا",
    "Sorani": "هێمن",
}
ETHIOPIC = {"Tigrinya": "ዮናስ", "Amharic": "ሰላም"}
OTHERS = {"Ukrainian": "Олена", "Vietnamese": "Nguyễn", "Polish": "Łucja", "Welsh": "Siôn"}
LEGEND = {"family": "العائلة", "friend": "ኣዕሩኽ", "carer": "Opiekunowie"}


def _people() -> list[CirclePerson]:
    names = [*ARABIC_SCRIPT.values(), *ETHIOPIC.values(), *OTHERS.values()]
    rings = list(Closeness)
    return [
        CirclePerson(name, rings[i % 3], list(ConnectionCategory)[i % 5])
        for i, name in enumerate(names)
    ]


def _drawn(text: Text, line: str) -> list[tuple[str, int, float, str]]:
    """(character, glyph index, x, font file) for each glyph as Agg lays out this line."""
    # The same lookup the Agg canvas makes for a text's font (backend_agg._prepare_font).
    font = font_manager.get_font(
        font_manager.fontManager._find_fonts_by_props(text.get_fontproperties())
    )
    font.set_size(12, 72)
    return [
        (item.char, item.glyph_index, item.x, item.ft_object.fname)
        for item in _text_helpers.layout(line, font)
    ]


def _lines_drawn() -> dict[str, list[tuple[str, int, float, str]]]:
    figure = draw_circle(centre_name="نسرین", people=_people(), show_status=False, labels=LEGEND)
    drawn = {}
    for text in figure.findobj(Text):
        for line in text.get_text().split("\n"):
            if line.strip():
                drawn[line] = _drawn(text, line)
    return drawn


def test_the_fonts_are_installed_by_setup() -> None:
    assert missing_fonts() == [], "run scripts/setup.sh as root (Debian's fonts-noto-core)"


def test_every_name_and_legend_word_has_real_glyphs_not_boxes() -> None:
    drawn = _lines_drawn()
    for expected in [*ARABIC_SCRIPT.values(), *ETHIOPIC.values(), *OTHERS.values(), "نسرین"]:
        assert expected in drawn
    for word in LEGEND.values():
        assert word in drawn
    for line, glyphs in drawn.items():
        boxes = [char for char, glyph, _, _ in glyphs if glyph == 0 and not char.isspace()]
        assert boxes == [], (line, boxes)


def test_arabic_script_names_are_joined_and_run_right_to_left() -> None:
    drawn = _lines_drawn()
    for language, name in [*ARABIC_SCRIPT.items(), ("Dari", "نسرین")]:
        glyphs = drawn[name]
        assert all("Arabic" in font for _, _, _, font in glyphs), language
        # Joined: no letter is drawn in its stand-alone form (a cluster of two letters is a
        # ligature such as lam-alef, joined by nature).
        unjoined = [
            char
            for char, glyph, _, font in glyphs
            if len(char) == 1 and glyph == font_manager.get_font(font).get_char_index(ord(char))
        ]
        assert unjoined == [], (language, [unicodedata.name(c) for c in unjoined])
        # Right to left: the first letter typed is the rightmost drawn.
        first = max(glyphs, key=lambda glyph: glyph[2])
        assert first[0].startswith(name[0]), language


def test_ethiopic_names_use_an_ethiopic_font() -> None:
    drawn = _lines_drawn()
    for language, name in ETHIOPIC.items():
        assert all("Ethiopic" in font for _, _, _, font in drawn[name]), language


def test_drawing_the_picture_warns_of_no_missing_glyph() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = render_circle(
            centre_name="Yonas ዮናስ", people=_people(), show_status=False, labels=LEGEND
        )
    assert png.startswith(b"\x89PNG")
    assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []
