"""Holding the conference schedules check-ins at the cadence, at a kind hour."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from models import Meeting
from models.checkins.cadence import CadenceError, parse_cadence
from models.core.enums import ActorKind, MeetingKind, ReferralSource, ReferralStatus
from models.core.quiet_hours import is_quiet, next_allowed
from models.meetings.conference import record_conference_held
from models.referrals.intake import create_referral
from models.referrals.journey import move_referral
from tests.support import factories

LONDON = ZoneInfo("Europe/London")


async def test_conference_held_moves_to_sustaining_and_schedules_six_checkins(session, clock):
    org = await factories.organisation(session, clock.now())
    coordinator = await factories.user(session, clock.now(), org)
    sam = await factories.young_person(session, clock.now(), org, coordinator=coordinator)
    sam.preferred_hour = 22  # asks for late evening: quiet hours still win
    referral = await create_referral(
        session=session,
        now=clock.now(),
        organisation=org,
        young_person=sam,
        source=ReferralSource.coordinator,
        by_user_id=coordinator.id,
    )
    for status in ("accepted", "allocated", "planning", "searching", "conference_planned"):
        await move_referral(
            session=session,
            referral=referral,
            to=ReferralStatus(status),
            now=clock.now(),
            by_kind=ActorKind.user,
            by_user_id=coordinator.id,
        )
    held = datetime(2026, 3, 10, 14, 0, tzinfo=UTC)
    conference = Meeting(
        organisation_id=org.id,
        young_person_id=sam.id,
        kind=MeetingKind.conference,
        scheduled_at=held,
        created_at=clock.now(),
    )
    session.add(conference)
    await session.flush()
    checkins = await record_conference_held(
        session=session, now=held, conference=conference, by_user_id=coordinator.id
    )
    assert referral.status == ReferralStatus.sustaining
    assert [c.label for c in checkins] == [
        "2 weeks",
        "6 weeks",
        "3 months",
        "6 months",
        "9 months",
        "12 months",
    ]
    local = [c.due_at.astimezone(LONDON) for c in checkins]
    # 22:00 is quiet: each moves to 08:00 the next morning, in BST or GMT alike.
    assert all(moment.time() == time(8, 0) for moment in local)
    assert [m.date().isoformat() for m in local] == [
        "2026-03-25",
        "2026-04-22",
        "2026-06-11",
        "2026-09-11",
        "2026-12-11",
        "2027-03-11",
    ]


def test_quiet_hours_cross_midnight():
    assert is_quiet(time(23, 30), time(21), time(8))
    assert is_quiet(time(7, 59), time(21), time(8))
    assert not is_quiet(time(8, 0), time(21), time(8))
    late = datetime(2026, 10, 24, 21, 30, tzinfo=LONDON)  # night before clocks go back
    woke = next_allowed(late, tz="Europe/London", start=time(21), end=time(8))
    assert woke.astimezone(LONDON) == datetime(2026, 10, 25, 8, 0, tzinfo=LONDON)
    assert woke - late.astimezone(UTC) == timedelta(hours=11, minutes=30)


@pytest.mark.parametrize("bad", ["", "2 weeks", "0d", "3m,14d", "14d,,3m"])
def test_a_bad_cadence_is_refused(bad):
    with pytest.raises(CadenceError):
        parse_cadence(bad)
