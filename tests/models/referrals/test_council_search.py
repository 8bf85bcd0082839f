"""What a young person types finds their council among England's many."""

from __future__ import annotations

import pytest

from models import Organisation
from models.referrals.council_search import MOST_MATCHES, matching

NAMES = [
    "Kent County Council",
    "Leeds City Council",
    "Royal Borough of Kingston upon Thames",
    "Manchester City Council",
    "Trafford Council",
    "North Yorkshire Council",
    "North Somerset Council",
    *(f"Northshire {n} Council" for n in range(10)),
]
COUNCILS = [Organisation(name=name, slug=f"c{n}") for n, name in enumerate(NAMES)]


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("kent", ["Kent County Council"]),
        ("Leeds", ["Leeds City Council"]),  # the city, or its council
        ("kingston", ["Royal Borough of Kingston upon Thames"]),
        ("Manchster", ["Manchester City Council"]),  # a slip of the thumb
        ("north york", ["North Yorkshire Council"]),
        ("council", []),  # says nothing about which
        ("", []),
    ],
)
def test_typing_a_council_or_its_town_finds_it(typed: str, found: list[str]) -> None:
    assert [c.name for c in matching(COUNCILS, typed)] == found


def test_a_word_many_councils_share_offers_only_a_few() -> None:
    assert len(matching(COUNCILS, "north")) == MOST_MATCHES
