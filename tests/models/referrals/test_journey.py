"""The referral journey: every legal move works and is recorded; illegal ones name both states."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from models import ReferralTransition
from models.core.enums import ActorKind, ReferralSource, ReferralStatus
from models.referrals.intake import create_referral
from models.referrals.journey import (
    IllegalMoveError,
    ReasonRequiredError,
    allowed_targets,
    move_referral,
)
from tests.support import factories

S = ReferralStatus
HAPPY_PATH = [S.accepted, S.allocated, S.planning, S.searching, S.conference_planned]
EVERY_LEGAL_MOVE = [
    (S.received, S.accepted),
    (S.received, S.declined),
    (S.accepted, S.allocated),
    (S.allocated, S.planning),
    (S.planning, S.searching),
    (S.searching, S.conference_planned),
    (S.conference_planned, S.searching),
    (S.sustaining, S.closed),
    (S.opted_out, S.closed),
] + [(s, t) for s in [*HAPPY_PATH, S.received, S.sustaining] for t in (S.withdrawn, S.opted_out)]


async def _referral_at(session, clock, status):
    org = await factories.organisation(session, clock.now())
    coordinator = await factories.user(session, clock.now(), org)
    person = await factories.young_person(session, clock.now(), org, coordinator=coordinator)
    referral = await create_referral(
        session=session,
        now=clock.now(),
        organisation=org,
        young_person=person,
        source=ReferralSource.social_worker,
        by_user_id=coordinator.id,
    )
    path = {
        S.received: [],
        S.accepted: HAPPY_PATH[:1],
        S.allocated: HAPPY_PATH[:2],
        S.planning: HAPPY_PATH[:3],
        S.searching: HAPPY_PATH[:4],
        S.conference_planned: HAPPY_PATH[:5],
        S.sustaining: HAPPY_PATH,
        S.opted_out: [S.accepted, S.opted_out],
    }[status]
    for step in path:
        clock.advance(timedelta(days=1))
        await move_referral(
            session=session,
            referral=referral,
            to=step,
            now=clock.now(),
            by_kind=ActorKind.user,
            by_user_id=coordinator.id,
        )
    if status == S.sustaining:
        await move_referral(
            session=session,
            referral=referral,
            to=S.sustaining,
            now=clock.now(),
            by_kind=ActorKind.system,
            via_rule=True,
        )
    return referral, coordinator


@pytest.mark.parametrize(("start", "target"), EVERY_LEGAL_MOVE, ids=lambda s: s.value)
async def test_every_legal_move_is_recorded_with_who_when_why(session, clock, start, target):
    referral, coordinator = await _referral_at(session, clock, start)
    clock.advance(timedelta(hours=3))
    transition = await move_referral(
        session=session,
        referral=referral,
        to=target,
        now=clock.now(),
        by_kind=ActorKind.user,
        by_user_id=coordinator.id,
        reason="because the plan changed",
    )
    assert referral.status == target
    assert referral.status_changed_at == clock.now()
    assert (transition.from_status, transition.to_status) == (start, target)
    assert transition.by_user_id == coordinator.id
    assert transition.reason == "because the plan changed"
    stored = (
        await session.scalars(
            select(ReferralTransition)
            .where(ReferralTransition.referral_id == referral.id)
            .order_by(ReferralTransition.id)
        )
    ).all()
    assert stored[0].from_status is None and stored[0].to_status == S.received
    assert stored[-1].to_status == target


async def test_an_illegal_move_is_refused_naming_both_states(session, clock):
    referral, _ = await _referral_at(session, clock, S.received)
    with pytest.raises(IllegalMoveError) as caught:
        await move_referral(
            session=session,
            referral=referral,
            to=S.searching,
            now=clock.now(),
            by_kind=ActorKind.system,
        )
    assert "'received'" in str(caught.value) and "'searching'" in str(caught.value)
    assert referral.status == S.received


async def test_sustaining_is_reached_only_by_holding_the_conference(session, clock):
    referral, _ = await _referral_at(session, clock, S.conference_planned)
    with pytest.raises(IllegalMoveError, match="conference as held"):
        await move_referral(
            session=session,
            referral=referral,
            to=S.sustaining,
            now=clock.now(),
            by_kind=ActorKind.system,
        )


async def test_declining_needs_a_reason(session, clock):
    referral, _ = await _referral_at(session, clock, S.received)
    with pytest.raises(ReasonRequiredError):
        await move_referral(
            session=session,
            referral=referral,
            to=S.declined,
            now=clock.now(),
            by_kind=ActorKind.system,
            reason="  ",
        )


async def test_a_young_person_who_opted_out_comes_back_where_they_left(session, clock):
    referral, _ = await _referral_at(session, clock, S.opted_out)
    with pytest.raises(IllegalMoveError, match="returns to 'accepted'"):
        await move_referral(
            session=session,
            referral=referral,
            to=S.planning,
            now=clock.now(),
            by_kind=ActorKind.young_person,
        )
    await move_referral(
        session=session,
        referral=referral,
        to=S.accepted,
        now=clock.now(),
        by_kind=ActorKind.young_person,
    )
    assert referral.status == S.accepted


def test_terminal_states_go_nowhere():
    for state in (S.closed, S.declined, S.withdrawn):
        assert allowed_targets(state) == frozenset()
