"""Finding a young person's council from what they type, and where a self-referral goes when
they don't know it.

England has 153 councils with children's services: nobody scrolls a list that long. The
young person types their council's name or their town (a council named after its town or
city is found by either), and picks from the few that match. If they don't know, the
referral goes to the placing council, the one whose team takes self-referrals from young
people who don't know theirs (the KITH_PLACING_COUNCIL setting; with only one council taking
self-referrals, that one). Its team finds the young person's council and passes the
referral on (outside Kith: nobody sees across councils); the referral and the team's nudge
say so.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

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
UNPLACED_NOTE = "council not known: the young person did not know it; place with theirs"


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[^\W_]+", text.casefold()) if w not in GENERIC]


def _likeness(typed: list[str], name: list[str]) -> float:
    """1 when every typed word starts a word of the name; less the further a word is off."""
    if not typed or not name:
        return 0.0
    scores = []
    for word in typed:
        if any(part.startswith(word) for part in name):
            scores.append(1.0)
        else:
            scores.append(max(SequenceMatcher(None, word, part).ratio() for part in name))
    return min(scores)


def matching(councils: list[Organisation], typed: str) -> list[Organisation]:
    """The councils `typed` may mean, closest first (at most MOST_MATCHES)."""
    words = _words(typed)
    scored = [(_likeness(words, _words(c.name)), c) for c in councils]
    close = [(score, c) for score, c in scored if score >= LIKE_ENOUGH]
    close.sort(key=lambda pair: (-pair[0], pair[1].name))
    return [c for _, c in close[:MOST_MATCHES]]


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
