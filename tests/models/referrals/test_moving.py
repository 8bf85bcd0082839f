"""A person moving Sam's referral: who may make which move, and what each move needs."""

from __future__ import annotations

import pytest

from models.core.enums import ReferralSource, ReferralStatus, Role
from models.referrals.intake import create_referral
from models.referrals.journey import IllegalMoveError
from models.referrals.moving import MoveDetailsError, NotYourMoveError, move_as
from models.young_people.caseload import NotACoordinatorError
from models.young_people.consent import MissingConsentError
from tests.support import factories

S = ReferralStatus


async def test_staff_moves_keep_every_rule_whoever_calls_them(session, clock) -> None:
    """Triage and allocation are the manager's; allocating names a coordinator of the council,
    who takes Sam on; planning needs Sam's consent — for the API, the CLI or the bot alike."""
    org = await factories.organisation(session, clock.now())
    manager = await factories.user(session, clock.now(), org, Role.manager)
    dan = await factories.user(session, clock.now(), org, email="dan@example.org")
    elsewhere = await factories.organisation(session, clock.now(), slug="southshire")
    stranger = await factories.user(session, clock.now(), elsewhere)
    sam = await factories.young_person(session, clock.now(), org)
    referral = await create_referral(
        session=session,
        now=clock.now(),
        organisation=org,
        young_person=sam,
        source=ReferralSource.social_worker,
    )

    async def move(by, to, coordinator_id=None):  # type: ignore[no-untyped-def]
        return await move_as(
            session=session,
            now=clock.now(),
            user=by,
            referral=referral,
            young_person=sam,
            to=to,
            coordinator_id=coordinator_id,
        )

    with pytest.raises(NotYourMoveError, match="'accepted' is a manager's decision"):
        await move(dan, S.accepted)
    with pytest.raises(IllegalMoveError, match="from 'received' to 'planning'"):
        await move(manager, S.planning)
    await move(manager, S.accepted)
    with pytest.raises(MoveDetailsError, match="needs the coordinator"):
        await move(manager, S.allocated)
    with pytest.raises(NotACoordinatorError):
        await move(manager, S.allocated, coordinator_id=stranger.id)
    await move(manager, S.allocated, coordinator_id=dan.id)
    assert sam.coordinator_id == dan.id
    with pytest.raises(MoveDetailsError, match="only an allocation"):
        await move(dan, S.planning, coordinator_id=dan.id)
    with pytest.raises(MissingConsentError, match="taking_part"):
        await move(dan, S.planning)
    assert referral.status == S.allocated
