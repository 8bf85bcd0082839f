"""What a young person types finds their council among England's many."""

from __future__ import annotations

import pytest

from models import Organisation
from models.referrals.council_search import (
    MOST_MATCHES,
    KnownCouncil,
    _key,
    known_councils,
    matching,
    parse_councils,
)

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


# Every council in the place data, as Kith would hold them when all of England took part.
ENGLAND = [Organisation(name=k.names[0], slug=f"e{n}") for n, k in enumerate(known_councils())]


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Wigan", ["Wigan Council"]),  # a metropolitan borough named after its town
        ("Crawley", ["West Sussex County Council"]),  # a district: its county runs the service
        ("Slough", ["Slough Borough Council"]),
        ("Scarborough", ["North Yorkshire Council"]),  # unitary since 2023
        ("Harlow", ["Essex County Council"]),
        ("Torquay", ["Torbay Council"]),
        ("Penrith", ["Westmorland and Furness Council"]),
        ("Grays", ["Thurrock Council"]),  # a unitary inside Essex's borders, not Essex
        ("Tottenham", ["London Borough of Haringey"]),
        ("Scarbrough", ["North Yorkshire Council"]),  # slips of spelling young people make
        ("Middlesborough", ["Middlesbrough Council"]),
        ("Huddersfeild", ["Kirklees Council"]),
        ("Kings Lynn", ["Norfolk County Council"]),  # no apostrophe needed
        ("Saint Albans", ["Hertfordshire County Council"]),
        ("bcp", ["Bournemouth, Christchurch and Poole Council"]),  # a council's other name
        ("Newcastle under Lyme", ["Staffordshire County Council"]),
        ("Richmond", ["London Borough of Richmond upon Thames", "North Yorkshire Council"]),
        ("London", []),  # 33 councils: too many to mean one
    ],
)
def test_typing_a_town_finds_the_council_that_runs_its_childrens_services(
    typed: str, found: list[str]
) -> None:
    assert [c.name for c in matching(ENGLAND, typed)] == found


def test_the_town_that_is_also_a_council_comes_first() -> None:
    assert [c.name for c in matching(ENGLAND, "Newcastle")][:2] == [
        "Newcastle City Council",  # the city itself
        "Staffordshire County Council",  # Newcastle-under-Lyme
    ]


def test_a_council_in_kith_under_another_form_of_its_name_still_has_its_towns() -> None:
    councils = [
        Organisation(name="Essex", slug="essex"),
        Organisation(name="Kingston upon Hull City Council", slug="hull"),
        Organisation(name="Devon County Council (fictional)", slug="devon"),
    ]
    assert [c.slug for c in matching(councils, "harlow")] == ["essex"]
    assert [c.slug for c in matching(councils, "Bransholme")] == ["hull"]
    assert [c.slug for c in matching(councils, "exeter")] == ["devon"]


def test_a_town_whose_council_is_not_in_kith_finds_nothing() -> None:
    # The young person is then offered "I don't know" and the placing council's team helps.
    assert matching(COUNCILS, "Harlow") == []
    assert [c.name for c in matching(COUNCILS, "Altrincham")] == ["Trafford Council"]


def test_the_place_data_names_each_of_englands_153_councils_once() -> None:
    councils = known_councils()
    assert len(councils) == 153
    keys = [key for council in councils for key in {_key(name) for name in council.names}]
    assert len(keys) == len(set(keys)), "two councils answer to the same name"
    for council in councils:
        assert council.places, f"{council.names[0]} lists no places"
        assert len(council.places) == len(set(council.places)), council.names[0]


def test_children_s_services_sit_with_the_upper_tier_never_a_district_council() -> None:
    names = " ".join(name for council in known_councils() for name in council.names)
    assert "District Council" not in names.replace("Metropolitan District Council", "")
    for district_town in ["Harlow", "Crawley", "Chelmsford", "Cheltenham", "Stevenage"]:
        [found] = matching(ENGLAND, district_town)
        assert found.name.endswith("County Council"), district_town


def test_the_place_data_reads_councils_and_their_indented_places() -> None:
    text = "# a comment\nNorthshire Council | Northshire\n    Aville, Beetown,\n    Ceeford\n"
    assert parse_councils(text) == [
        KnownCouncil(
            names=("Northshire Council", "Northshire"), places=("Aville", "Beetown", "Ceeford")
        )
    ]
    with pytest.raises(ValueError, match="line 1"):
        parse_councils("    Aville\n")
