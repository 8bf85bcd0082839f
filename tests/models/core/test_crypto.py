"""Third-party details are encrypted at rest, and keys can be rotated."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from models import Connection
from models.core import crypto
from models.core.enums import Closeness, ConnectionCategory, ConnectionStatus, NamedBy
from tests.conftest import TEST_KEY
from tests.support import factories


async def _nan(session, clock):
    org = await factories.organisation(session, clock.now())
    person = await factories.young_person(session, clock.now(), org)
    nan = Connection(
        organisation_id=org.id,
        young_person_id=person.id,
        name="Nan Pat",
        relationship_label="nan",
        category=ConnectionCategory.family,
        named_by=NamedBy.young_person,
        closeness=Closeness.inner,
        contact_details="07700 900123, 4 Elm Row",
        safety_concern=True,
        safety_note="uncle visits her flat",
        status=ConnectionStatus.named,
        status_changed_at=clock.now(),
        created_at=clock.now(),
    )
    session.add(nan)
    await session.commit()
    return nan


async def test_raw_columns_hold_no_plaintext(session, clock):
    nan = await _nan(session, clock)
    raw = (
        await session.execute(
            text("SELECT name, contact_details, safety_note FROM connection WHERE id = :id"),
            {"id": nan.id},
        )
    ).one()
    for column, plaintext in zip(raw, ["Nan Pat", "07700 900123", "uncle visits"], strict=True):
        assert plaintext not in column
        assert column.startswith("gAAAA")  # a Fernet token
    session.expunge_all()
    again = await session.get(Connection, nan.id)
    assert again.contact_details == "07700 900123, 4 Elm Row"


async def test_keys_rotate_without_losing_old_data(session, clock):
    nan = await _nan(session, clock)
    old_token = (
        await session.execute(
            text("SELECT contact_details FROM connection WHERE id = :id"), {"id": nan.id}
        )
    ).scalar_one()
    new_key = crypto.new_key()
    try:
        crypto.configure([new_key, TEST_KEY])  # new primary, old kept for reading
        session.expunge_all()
        assert (await session.get(Connection, nan.id)).contact_details.startswith("07700")
        rotated = crypto.rotate(old_token)
        crypto.configure([new_key])  # old key retired
        assert crypto.decrypt(rotated) == "07700 900123, 4 Elm Row"
        with pytest.raises(crypto.UndecryptableError):
            crypto.decrypt(old_token)
    finally:
        crypto.configure([TEST_KEY])
