"""An invite code works once, even when two chats race for it."""

from __future__ import annotations

import pytest

from models import InviteCode
from models.core.enums import InviteKind
from models.referrals.invites import UsedInviteError, consume_invite, create_invite
from tests.support import factories


async def test_two_chats_racing_for_one_code_cannot_both_use_it(sessionmaker, clock):
    async with sessionmaker.begin() as session:
        org = await factories.organisation(session, clock.now())
        sam = await factories.young_person(session, clock.now(), org)
        invite, code = await create_invite(
            session=session,
            now=clock.now(),
            organisation_id=org.id,
            kind=InviteKind.young_person,
            young_person_id=sam.id,
        )
    async with sessionmaker() as slow:
        # The slow chat looked at the invite before the fast one used it.
        stale = await slow.get(InviteCode, invite.id)
        assert stale is not None and stale.used_at is None
        async with sessionmaker.begin() as fast:
            await consume_invite(session=fast, now=clock.now(), code=code)
        with pytest.raises(UsedInviteError):
            await consume_invite(session=slow, now=clock.now(), code=code)
        await slow.rollback()
