"""Walking each fictional young person along the journey at a believable pace, up to `until`.

Paces and shares are illustrative, in the range councils report: most referrals accepted,
some withdrawn or declined, a conference three to six months after referral, networks
growing from about 7 to about 26 people, wellbeing and SDQ improving a little over a year.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kith.demo.people import fictional_person, pick
from models.checkins.checkin import CheckIn
from models.core.enums import (
    ActorKind,
    CheckInState,
    Closeness,
    ConnectionCategory,
    ConnectionStatus,
    MeasureKind,
    MeetingKind,
    NamedBy,
    ReferralStatus,
)
from models.meetings.conference import record_conference_held
from models.meetings.meeting import Meeting
from models.network.connection import Connection
from models.referrals.intake import create_referral
from models.referrals.journey import move_referral
from models.referrals.referral import Referral
from models.staff.organisation import Organisation
from models.staff.user import User
from models.young_people.measures import Measure
from models.young_people.young_person import YoungPerson

S = ReferralStatus
# (next state, days it usually takes: low, high)
PATH = [
    (S.accepted, 2, 21),
    (S.allocated, 3, 30),
    (S.planning, 7, 35),
    (S.searching, 5, 20),
    (S.conference_planned, 30, 110),
]
RELATIONSHIPS = [
    ("nan", ConnectionCategory.family),
    ("aunt", ConnectionCategory.family),
    ("older brother", ConnectionCategory.family),
    ("cousin", ConnectionCategory.family),
    ("former foster carer", ConnectionCategory.carer),
    ("youth worker", ConnectionCategory.professional),
    ("best friend", ConnectionCategory.friend),
    ("football coach", ConnectionCategory.community),
]


@dataclass
class DemoSummary:
    young_people: int = 0
    by_status: dict[str, int] = field(default_factory=dict)


@dataclass
class _Walk:
    session: AsyncSession
    rng: random.Random
    org: Organisation
    person: YoungPerson
    referral: Referral
    at: datetime
    until: datetime

    def later(self, low: int, high: int) -> datetime | None:
        """A moment `low`..`high` days on, in working hours; None once past `until`."""
        moment = self.at + timedelta(days=self.rng.randint(low, high), hours=self.rng.randint(0, 6))
        return moment if moment < self.until else None

    async def move(self, to: ReferralStatus, when: datetime, reason: str | None = None) -> None:
        by = ActorKind.young_person if to == S.opted_out else ActorKind.user
        await move_referral(
            session=self.session, referral=self.referral, to=to, now=when, by_kind=by, reason=reason
        )
        self.at = when

    def add_measure(self, kind: MeasureKind, value: int, when: datetime) -> None:
        self.session.add(
            Measure(
                organisation_id=self.org.id,
                young_person_id=self.person.id,
                kind=kind,
                value=max(0, value),
                recorded_on=when.date(),
                created_at=when,
            )
        )

    def add_connection(self, status: ConnectionStatus, when: datetime) -> None:
        label, category = self.rng.choice(RELATIONSHIPS)
        self.session.add(
            Connection(
                organisation_id=self.org.id,
                young_person_id=self.person.id,
                name=f"{label.title()} (fictional)",
                relationship_label=label,
                category=category,
                named_by=pick(
                    self.rng,
                    [(NamedBy.young_person, 6), (NamedBy.coordinator, 3), (NamedBy.family, 1)],
                ),
                closeness=self.rng.choice(list(Closeness)),
                status=status,
                status_changed_at=when,
                created_at=when,
            )
        )


async def _triage(walk: _Walk) -> bool:
    """Accepted (True), or declined / withdrawn / opted out, or still waiting (False)."""
    decided = walk.later(2, 21)
    if decided is None:
        return False
    outcome = pick(
        walk.rng, [(S.accepted, 80), (S.declined, 8), (S.withdrawn, 6), (S.opted_out, 6)]
    )
    reason = {S.declined: "not eligible", S.withdrawn: "moved out of area"}.get(outcome)
    await walk.move(outcome, decided, reason)
    return outcome == S.accepted


async def _before_conference(walk: _Walk, coordinator: User | None) -> bool:
    """Allocation to the conference being planned; False if the journey stops on the way."""
    for to, low, high in PATH[1:]:
        when = walk.later(low, high)
        if when is None:
            return False
        if walk.rng.random() < 0.03:
            await walk.move(S.withdrawn, when, "the placement plan changed")
            return False
        await walk.move(to, when)
        if to == S.allocated:
            walk.person.coordinator_id = coordinator.id if coordinator else None
            walk.add_measure(MeasureKind.network_size, walk.rng.randint(3, 11), when)
            walk.add_measure(MeasureKind.sdq_total, walk.rng.randint(12, 30), when)
        if to == S.planning:
            for _ in range(walk.rng.randint(3, 8)):
                walk.add_connection(ConnectionStatus.named, when)
    return True


async def _conference_and_after(walk: _Walk) -> None:
    held = walk.later(14, 40)
    if held is None:
        return
    meeting = Meeting(
        organisation_id=walk.org.id,
        young_person_id=walk.person.id,
        kind=MeetingKind.conference,
        scheduled_at=held,
        created_at=walk.at,
    )
    walk.session.add(meeting)
    await walk.session.flush()
    checkins = await record_conference_held(
        session=walk.session, now=held, conference=meeting, held_at=held
    )
    walk.at = held
    for _ in range(walk.rng.randint(3, 9)):
        walk.add_connection(ConnectionStatus.agreed, held)
    if walk.rng.random() < 0.3:
        walk.add_connection(ConnectionStatus.declined, held)
    grown = held + timedelta(days=walk.rng.randint(60, 120))
    if grown < walk.until:
        walk.add_measure(MeasureKind.network_size, walk.rng.randint(14, 38), grown)
        walk.add_measure(MeasureKind.sdq_total, walk.rng.randint(6, 24), grown)
    if walk.rng.random() < 0.26:
        moved = held + timedelta(days=walk.rng.randint(20, 360))
        if moved < walk.until:
            walk.add_measure(MeasureKind.placement_move, 1, moved)
    review = held + timedelta(days=182)
    if review < walk.until:
        walk.session.add(
            Meeting(
                organisation_id=walk.org.id,
                young_person_id=walk.person.id,
                kind=MeetingKind.review,
                scheduled_at=review,
                held_at=review,
                created_at=held,
            )
        )
    closes = held + timedelta(days=walk.rng.randint(270, 450))
    _answer_checkins(walk, checkins, held, closes)
    if closes < walk.until:
        await walk.move(S.closed, closes, "the plan is working: case closed")


def _answer_checkins(
    walk: _Walk, checkins: list[CheckIn], held: datetime, closes: datetime
) -> None:
    for checkin in checkins:
        if checkin.due_at >= closes:
            checkin.state = CheckInState.cancelled
            continue
        if checkin.due_at >= walk.until:
            continue
        checkin.sent_at = checkin.due_at
        if walk.rng.random() < 0.72:
            months = (checkin.due_at - held).days / 30
            mood = 2.6 + months * 0.09 + walk.rng.gauss(0, 0.8)
            checkin.state = CheckInState.answered
            checkin.answered_at = checkin.due_at + timedelta(hours=walk.rng.randint(0, 30))
            checkin.wellbeing = min(5, max(1, round(mood)))
        else:
            checkin.state = CheckInState.missed


async def build_demo_cohort(
    *,
    session: AsyncSession,
    organisation: Organisation,
    until: date,
    young_people: int = 120,
    seed: int = 7,
) -> DemoSummary:
    """`young_people` fictional referrals over the two years before `until`, walked along."""
    rng = random.Random(seed)
    end = datetime.combine(until, time(0, 0), tzinfo=UTC)
    coordinators = list(
        await session.scalars(
            select(User).where(User.organisation_id == organisation.id).order_by(User.id)
        )
    )
    summary = DemoSummary()
    for _ in range(young_people):
        received = end - timedelta(days=rng.randint(7, 730), hours=rng.randint(0, 8))
        fiction = fictional_person(rng, received.date())
        person = YoungPerson(
            organisation_id=organisation.id,
            preferred_name=fiction.name,
            cohort=fiction.cohort,
            date_of_birth=fiction.born,
            not_going_home_or_adopted=True,
            gender=fiction.gender,
            ethnicity=fiction.ethnicity,
            disability=fiction.disability,
            created_at=received,
        )
        session.add(person)
        await session.flush()
        referral = await create_referral(
            session=session,
            now=received,
            organisation=organisation,
            young_person=person,
            source=fiction.source,
        )
        walk = _Walk(session, rng, organisation, person, referral, received, end)
        coordinator = rng.choice(coordinators) if coordinators else None
        if await _triage(walk) and await _before_conference(walk, coordinator):
            await _conference_and_after(walk)
        await session.flush()
        summary.young_people += 1
        status = referral.status.value
        summary.by_status[status] = summary.by_status.get(status, 0) + 1
    return summary
