"""Ethnicity as recorded, gathered into the five high-level groups of the 2021 Census.

Case records hold ethnicity in different ways: the DfE's four-letter codes (as in the
children looked after return), the Census's nineteen category names, or the group itself.
All are read here; anything else is reported as "Not recorded" rather than guessed.
"""

from __future__ import annotations

ASIAN = "Asian, Asian British or Asian Welsh"
BLACK = "Black, Black British, Black Welsh, Caribbean or African"
MIXED = "Mixed or Multiple ethnic groups"
WHITE = "White"
OTHER = "Other ethnic group"
REFUSED = "Refused"
NOT_RECORDED = "Not recorded"

CENSUS_GROUPS = [ASIAN, BLACK, MIXED, WHITE, OTHER, REFUSED, NOT_RECORDED]

# DfE ethnicity codes (children looked after / school census), mapped to 2021 Census groups.
_DFE_CODES = {
    "WBRI": WHITE,
    "WIRI": WHITE,
    "WIRT": WHITE,
    "WROM": WHITE,
    "WOTH": WHITE,
    "MWBC": MIXED,
    "MWBA": MIXED,
    "MWAS": MIXED,
    "MOTH": MIXED,
    "AIND": ASIAN,
    "APKN": ASIAN,
    "ABAN": ASIAN,
    "CHNE": ASIAN,
    "AOTH": ASIAN,
    "BCRB": BLACK,
    "BAFR": BLACK,
    "BOTH": BLACK,
    "OARA": OTHER,
    "OOTH": OTHER,
    "REFU": REFUSED,
    "NOBT": NOT_RECORDED,
}

# The first word(s) of a Census category name ("White: Irish", "Asian or Asian British:
# Chinese", "Black, Black British ...: African") name its group.
_PREFIXES = [
    ("mixed", MIXED),
    ("asian", ASIAN),
    ("black", BLACK),
    ("white", WHITE),
    ("gypsy", WHITE),
    ("roma", WHITE),
    ("irish traveller", WHITE),
    ("arab", OTHER),
    ("other", OTHER),
    ("any other", OTHER),
    ("chinese", ASIAN),
    ("indian", ASIAN),
    ("pakistani", ASIAN),
    ("bangladeshi", ASIAN),
    ("caribbean", BLACK),
    ("african", BLACK),
    ("refused", REFUSED),
    ("prefer not", REFUSED),
]


def census_group(recorded: str | None) -> str:
    """The 2021 Census group for an ethnicity as recorded on the case."""
    if recorded is None or not recorded.strip():
        return NOT_RECORDED
    text = recorded.strip()
    if text.upper() in _DFE_CODES:
        return _DFE_CODES[text.upper()]
    folded = text.casefold()
    for prefix, group in _PREFIXES:
        if folded.startswith(prefix):
            return group
    return NOT_RECORDED
