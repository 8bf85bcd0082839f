"""The circle picture: a phone-sized PNG with first names only."""

from __future__ import annotations

import io

from matplotlib.image import imread

from models.core.enums import Closeness, ConnectionCategory, ConnectionStatus
from models.network.circle import CirclePerson, first_name, render_circle


def _size(png: bytes) -> tuple[int, int]:
    pixels = imread(io.BytesIO(png), format="png")
    return pixels.shape[1], pixels.shape[0]


def test_sams_circle_is_a_png_big_enough_to_read_on_a_phone() -> None:
    people = [
        CirclePerson("Nan", Closeness.inner, ConnectionCategory.family),
        CirclePerson("Jo Smith", Closeness.middle, ConnectionCategory.friend),
        CirclePerson("Mrs Patel", Closeness.outer, ConnectionCategory.professional),
    ]
    png = render_circle(centre_name="Sam", people=people, show_status=False)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = _size(png)
    assert min(width, height) >= 900


def test_a_crowded_circle_with_statuses_still_renders() -> None:
    people = [
        CirclePerson(
            f"Person{i}",
            list(Closeness)[i % 3],
            list(ConnectionCategory)[i % 5],
            list(ConnectionStatus)[i % 8],
        )
        for i in range(45)
    ]
    png = render_circle(
        centre_name="Sam", people=people, show_status=True, labels={"family": "Teulu"}
    )
    assert _size(png)[0] >= 900


def test_an_empty_circle_shows_just_them() -> None:
    assert render_circle(centre_name="Sam", people=[], show_status=False).startswith(b"\x89PNG")


def test_no_surname_is_drawn() -> None:
    assert first_name("Jo Smith") == "Jo"
    assert first_name("Aunt Jo Smith") == "Aunt Jo"
    assert first_name("  ") == "?"
    assert first_name("Bartholomew-Fitzgerald") == "Bartholomew-F…"
