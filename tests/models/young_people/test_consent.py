"""Consent: per purpose, and for under-16s also from whoever holds parental responsibility."""

from __future__ import annotations

from datetime import date

import pytest

from models.core.enums import ConsentGivenBy, ConsentKind
from models.young_people.consent import (
    ConsentError,
    MissingConsentError,
    record_consent,
    require_consents,
    withdraw_consent,
)
from tests.support import factories


async def test_a_sixteen_year_old_consents_for_herself(session, clock):
    north = await factories.organisation(session, clock.now())
    riley = await factories.young_person(session, clock.now(), north, "Riley", age=16)
    riley.date_of_birth = date(2010, 3, 2)  # sixteen today, on the clock's day
    await record_consent(
        session=session,
        now=clock.now(),
        young_person=riley,
        kind=ConsentKind.tracing,
        given_by=ConsentGivenBy.young_person,
    )
    await require_consents(
        session=session,
        now=clock.now(),
        young_person=riley,
        kinds=[ConsentKind.tracing],
        purpose="searching",
    )


async def test_a_fifteen_year_old_also_needs_parental_responsibility(session, clock):
    north = await factories.organisation(session, clock.now())
    sam = await factories.young_person(session, clock.now(), north, "Sam", age=14)
    sam.date_of_birth = date(2010, 3, 3)  # fifteen until tomorrow
    await record_consent(
        session=session,
        now=clock.now(),
        young_person=sam,
        kind=ConsentKind.tracing,
        given_by=ConsentGivenBy.young_person,
    )
    with pytest.raises(MissingConsentError) as missing:
        await require_consents(
            session=session,
            now=clock.now(),
            young_person=sam,
            kinds=[ConsentKind.tracing],
            purpose="searching",
        )
    assert missing.value.missing == ["tracing (from whoever holds parental responsibility)"]


async def test_withdrawn_consent_counts_for_nothing_but_stays_on_record(session, clock):
    north = await factories.organisation(session, clock.now())
    jo = await factories.young_person(session, clock.now(), north, "Jo", age=19)
    jo.date_of_birth = date(2007, 1, 1)
    given = await record_consent(
        session=session,
        now=clock.now(),
        young_person=jo,
        kind=ConsentKind.bot_messages,
        given_by=ConsentGivenBy.young_person,
    )
    withdraw_consent(consent=given, now=clock.now(), reason="too many messages")
    with pytest.raises(MissingConsentError, match="bot_messages"):
        await require_consents(
            session=session,
            now=clock.now(),
            young_person=jo,
            kinds=[ConsentKind.bot_messages],
            purpose="the bot",
        )
    with pytest.raises(ConsentError):
        withdraw_consent(consent=given, now=clock.now(), reason="again")
    assert given.withdrawn_reason == "too many messages"
