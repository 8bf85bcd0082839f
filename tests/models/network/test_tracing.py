"""A person's way into the circle: never `agreed` without a safety check (found is not shown)."""

from __future__ import annotations

import pytest

from models.core.enums import ConnectionCategory, ConnectionStatus, NamedBy
from models.network.tracing import ConnectionMoveError, add_connection, move_connection
from tests.support import factories

S = ConnectionStatus


async def test_nan_is_agreed_only_after_her_safety_check(session, clock):
    north = await factories.organisation(session, clock.now())
    sam = await factories.young_person(session, clock.now(), north, "Sam")
    nan = await add_connection(
        session=session,
        now=clock.now(),
        young_person=sam,
        name="Nan",
        relationship_label="nan",
        category=ConnectionCategory.family,
        named_by=NamedBy.coordinator,
    )
    for early in (S.named, S.located, S.contacted):
        if nan.status != early:
            move_connection(connection=nan, to=early, now=clock.now())
        with pytest.raises(ConnectionMoveError, match="'agreed'"):
            move_connection(connection=nan, to=S.agreed, now=clock.now())
    move_connection(connection=nan, to=S.safety_checked, now=clock.now())
    move_connection(connection=nan, to=S.agreed, now=clock.now())
    assert nan.status == S.agreed


async def test_someone_unsafe_only_ever_ends(session, clock):
    north = await factories.organisation(session, clock.now())
    sam = await factories.young_person(session, clock.now(), north, "Sam")
    him = await add_connection(
        session=session,
        now=clock.now(),
        young_person=sam,
        name="X",
        relationship_label="dad",
        category=ConnectionCategory.family,
        named_by=NamedBy.family,
    )
    move_connection(connection=him, to=S.unsafe, now=clock.now())
    assert him.safety_concern is True
    for target in (S.contacted, S.safety_checked, S.agreed, S.named):
        with pytest.raises(ConnectionMoveError):
            move_connection(connection=him, to=target, now=clock.now())
    move_connection(connection=him, to=S.ended, now=clock.now())
