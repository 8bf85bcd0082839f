"""Joining from the chat: a self-referral, or an invite that links the chat."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from models import Consent, Nudge, Referral
from models.core.clock import ManualClock
from models.core.enums import Cohort, InviteKind, NudgeKind, ReferralSource, ReferralStatus
from models.referrals.invites import (
    ExpiredInviteError,
    UnknownInviteError,
    UsedInviteError,
    create_invite,
)
from models.referrals.joining import (
    ChatAlreadyLinkedError,
    SelfReferral,
    accept_invite,
    is_staff_chat,
    organisation_of_chat,
    peek_invite,
    refer_myself,
    who_is_chat,
)
from tests.support import factories

ABOUT_SAM = SelfReferral(
    preferred_name="Sam",
    cohort=Cohort.in_care,
    age=14,
    date_of_birth=None,
    has_social_worker="yes",
    preferred_hour=17,
)


async def test_sam_refers_herself_and_the_team_is_nudged(session, clock: ManualClock) -> None:
    org = await factories.organisation(session, clock.now())
    sam, referral = await refer_myself(
        session=session,
        now=clock.now(),
        organisation_id=org.id,
        chat_id=1001,
        about=ABOUT_SAM,
        agreed_at=clock.now() - timedelta(minutes=3),
    )
    assert referral.source == ReferralSource.self
    assert referral.status == ReferralStatus.received
    assert await who_is_chat(session=session, chat_id=1001) is sam
    consents = list(await session.scalars(select(Consent.kind)))
    assert sorted(consents) == ["bot_messages", "taking_part"]
    assert list(await session.scalars(select(Nudge.kind))) == [NudgeKind.new_self_referral]
    with pytest.raises(ChatAlreadyLinkedError):
        await refer_myself(
            session=session,
            now=clock.now(),
            organisation_id=org.id,
            chat_id=1001,
            about=ABOUT_SAM,
            agreed_at=clock.now(),
        )
    assert len(list(await session.scalars(select(Referral)))) == 1


async def test_an_invite_links_the_chat_once(session, clock: ManualClock) -> None:
    org = await factories.organisation(session, clock.now())
    sam = await factories.young_person(session, clock.now(), org)
    _, code = await create_invite(
        session=session,
        now=clock.now(),
        organisation_id=org.id,
        kind=InviteKind.young_person,
        young_person_id=sam.id,
    )
    assert await peek_invite(session=session, now=clock.now(), code=code) == InviteKind.young_person
    linked = await accept_invite(
        session=session, now=clock.now(), code=code, chat_id=77, agreed_at=clock.now()
    )
    assert linked is sam and sam.telegram_chat_id == 77
    with pytest.raises(UsedInviteError):
        await peek_invite(session=session, now=clock.now(), code=code)


async def test_unknown_and_expired_codes_are_told_apart(session, clock: ManualClock) -> None:
    org = await factories.organisation(session, clock.now())
    coordinator = await factories.user(session, clock.now(), org)
    _, code = await create_invite(
        session=session,
        now=clock.now(),
        organisation_id=org.id,
        kind=InviteKind.coordinator,
        user_id=coordinator.id,
    )
    with pytest.raises(UnknownInviteError):
        await peek_invite(session=session, now=clock.now(), code="nope")
    clock.advance(timedelta(days=8))
    with pytest.raises(ExpiredInviteError):
        await accept_invite(
            session=session, now=clock.now(), code=code, chat_id=5, agreed_at=clock.now()
        )


async def test_a_coordinator_links_their_chat(session, clock: ManualClock) -> None:
    org = await factories.organisation(session, clock.now())
    coordinator = await factories.user(session, clock.now(), org)
    _, code = await create_invite(
        session=session,
        now=clock.now(),
        organisation_id=org.id,
        kind=InviteKind.coordinator,
        user_id=coordinator.id,
    )
    linked = await accept_invite(
        session=session, now=clock.now(), code=code, chat_id=9, agreed_at=clock.now()
    )
    assert linked is coordinator and coordinator.telegram_chat_id == 9
    assert await who_is_chat(session=session, chat_id=9) is coordinator


async def test_each_updates_quick_lookups_know_whose_chat_it_is(
    session, clock: ManualClock
) -> None:
    """The per-update guards ask two narrow questions instead of loading whole records."""
    north = await factories.organisation(session, clock.now())
    south = await factories.organisation(session, clock.now(), slug="southshire")
    coordinator = await factories.user(session, clock.now(), south)
    gone = await factories.user(session, clock.now(), south, email="gone@example.org")
    sam = await factories.young_person(session, clock.now(), north)
    sam.telegram_chat_id, coordinator.telegram_chat_id, gone.telegram_chat_id = 11, 22, 33
    gone.disabled_at = clock.now()
    await session.flush()

    assert [await is_staff_chat(session=session, chat_id=c) for c in (11, 22, 33, 44)] == [
        False,
        True,
        False,
        False,
    ]
    found = await organisation_of_chat(session=session, chat_id=11)
    assert found is not None and found.id == north.id
    assert await organisation_of_chat(session=session, chat_id=22) is None
    assert await organisation_of_chat(session=session, chat_id=44) is None
