"""Organisation isolation: a query scoped to one council never returns another's rows."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models import YoungPerson
from models.core.scoping import NotFoundError, get_in_org, in_org
from tests.support import factories


async def test_a_council_sees_only_its_own_young_people(session, clock):
    north = await factories.organisation(session, clock.now(), "northshire")
    south = await factories.organisation(session, clock.now(), "southshire")
    sam = await factories.young_person(session, clock.now(), north, "Sam")
    jo = await factories.young_person(session, clock.now(), south, "Jo")
    await session.commit()

    names = (await session.scalars(in_org(YoungPerson, north.id))).all()
    assert [p.preferred_name for p in names] == ["Sam"]
    assert (await get_in_org(session, YoungPerson, sam.id, north.id)).preferred_name == "Sam"
    with pytest.raises(NotFoundError) as caught:
        await get_in_org(session, YoungPerson, jo.id, north.id)
    with pytest.raises(NotFoundError) as missing:
        await get_in_org(session, YoungPerson, 999_999, north.id)
    # Another council's record and a missing one read exactly alike.
    assert str(caught.value).replace(str(jo.id), "N") == str(missing.value).replace("999999", "N")
    total = (await session.scalars(select(YoungPerson))).all()
    assert len(total) == 2
