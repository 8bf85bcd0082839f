"""Finding a young person's council from what they type, and where a self-referral goes when
they don't know it.

England has 153 councils with children's services: nobody scrolls a list that long. The
young person types their council's name or their town, and picks from the few that match.
Towns come from data/councils.txt: each council that runs children's services (county,
metropolitan, London borough or unitary; never a district council) with the cities, towns
and places it serves, so "Harlow" finds Essex County Council and "Scarborough" North
Yorkshire Council. Small slips of spelling are forgiven. If they don't know, the
referral goes to the placing council, the one whose team takes self-referrals from young
people who don't know theirs (the KITH_PLACING_COUNCIL setting; with only one council taking
self-referrals, that one). Its team finds the young person's council and passes the
referral on (outside Kith: nobody sees across councils); the referral and the team's nudge
say so.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache
from importlib import resources

from sqlalchemy.ext.asyncio import AsyncSession

from models.referrals.joining import councils_taking_self_referrals
from models.staff.organisation import Organisation

MOST_MATCHES = 6
# Words every council name may carry: they say nothing about which council it is.
GENERIC = frozenset(
    {"council", "county", "city", "borough", "district", "metropolitan", "royal", "of", "the"}
    | {"and", "london", "fictional", "unitary", "authority", "cc", "mbc", "bc"}
)
LIKE_ENOUGH = 0.8
# How far below the closest fit another may be and still be offered.
CLOSE_TO_BEST = 0.05
UNPLACED_NOTE = "council not known: the young person did not know it; place with theirs"

Words = tuple[str, ...]
Fit = tuple[float, bool]


@dataclass(frozen=True)
class KnownCouncil:
    """One council from the place data: the names it goes by and the places it serves."""

    names: tuple[str, ...]
    places: tuple[str, ...]


def _words(text: str) -> Words:
    """The words that say which place is meant: no case, apostrophes or generic words."""
    plain = re.sub(r"['’&]", "", text.casefold())
    words = ("st" if w == "saint" else w for w in re.findall(r"[^\W_]+", plain))
    return tuple(w for w in words if w not in GENERIC)


def _key(name: str) -> Words:
    """What ties a council in Kith to the place data ("City of London" is all generic)."""
    return _words(name) or tuple(re.findall(r"[^\W_]+", name.casefold()))


def parse_councils(text: str) -> list[KnownCouncil]:
    """Read data/councils.txt: a council at the left, its places indented below it."""
    councils: list[KnownCouncil] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith(" "):
            names = tuple(n.strip() for n in line.split(" | ") if n.strip())
            councils.append(KnownCouncil(names=names, places=()))
            continue
        if not councils:
            raise ValueError(f"councils.txt line {number}: places before any council")
        places = tuple(p.strip() for p in line.split(",") if p.strip())
        last = councils[-1]
        councils[-1] = KnownCouncil(last.names, last.places + places)
    return councils


@lru_cache(maxsize=1)
def known_councils() -> tuple[KnownCouncil, ...]:
    text = resources.files("models.referrals.data").joinpath("councils.txt").read_text("utf-8")
    return tuple(parse_councils(text))


@lru_cache(maxsize=1)
def _searchable() -> dict[Words, tuple[Words, ...]]:
    """For each name a council goes by, the words of every name and place it answers to."""
    found: dict[Words, tuple[Words, ...]] = {}
    for council in known_councils():
        answers = tuple(w for w in map(_words, council.names + council.places) if w)
        for name in council.names:
            found[_key(name)] = answers
    return found


def _liker(typed: Words) -> Callable[[str, str], float]:
    """How like a place word each typed word is: 1 when it starts it, else the difflib ratio
    (0 when under LIKE_ENOUGH). Remembered for one search: place words recur."""
    matchers = {word: SequenceMatcher(None, b=word) for word in typed}

    @cache
    def like(word: str, part: str) -> float:
        if part.startswith(word):
            return 1.0
        # A ratio is at most this: most words are nowhere near in length, so never compared.
        if 2 * min(len(word), len(part)) < LIKE_ENOUGH * (len(word) + len(part)):
            return 0.0
        matcher = matchers[word]
        matcher.set_seq1(part)
        if matcher.quick_ratio() < LIKE_ENOUGH:
            return 0.0
        return matcher.ratio()

    return like


def _closeness(typed: Words, council: Organisation, like: Callable[[str, str], float]) -> Fit:
    """How well `typed` fits the council's name or a place it serves: 1 when every typed
    word starts a word of it, less the further a word is off; exact fits first."""
    answers = (_words(council.name), *_searchable().get(_key(council.name), ()))
    fits = [
        (min(max(like(word, part) for part in words) for word in typed), typed == words)
        for words in answers
        if words and typed
    ]
    return max(fits, default=(0.0, False))


def matching(councils: list[Organisation], typed: str) -> list[Organisation]:
    """The councils `typed` may mean, closest first (at most MOST_MATCHES). A slip of
    spelling that fits one council well hides the ones it fits only loosely."""
    words = _words(typed)
    like = _liker(words)
    scored = [(*_closeness(words, c, like), c) for c in councils]
    best = max((score for score, _, _ in scored), default=0.0)
    enough = max(LIKE_ENOUGH, best - CLOSE_TO_BEST)
    close = [(score, exact, c) for score, exact, c in scored if score >= enough]
    close.sort(key=lambda found: (-found[0], not found[1], found[2].name))
    return [c for _, _, c in close[:MOST_MATCHES]]


async def councils_matching(*, session: AsyncSession, typed: str) -> list[Organisation]:
    """The councils taking self-referrals that `typed` may mean."""
    return matching(await councils_taking_self_referrals(session=session), typed)


async def placing_council(
    *, session: AsyncSession, placing_slug: str | None
) -> Organisation | None:
    """Where a self-referral goes when the young person doesn't know their council; None when
    no council places them (several take self-referrals and none is named to place them)."""
    councils = await councils_taking_self_referrals(session=session)
    if placing_slug is not None:
        return next((c for c in councils if c.slug == placing_slug), None)
    return councils[0] if len(councils) == 1 else None
