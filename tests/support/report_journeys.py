"""Walking young people through the programme for report tests, through `models/` rules.

Every date is at noon UTC so durations are whole days and no date sits on a boundary.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import CheckIn, Connection, Measure, Meeting, Organisation, Referral, YoungPerson
from models.core.enums import (
    ActorKind,
    CheckInState,
    Closeness,
    Cohort,
    ConnectionCategory,
    ConnectionStatus,
    MeasureKind,
    MeetingKind,
    NamedBy,
    ReferralSource,
    ReferralStatus,
)
from models.meetings.conference import record_conference_held
from models.referrals.intake import create_referral
from models.referrals.journey import move_referral

S = ReferralStatus


def noon(day: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), tzinfo=UTC).replace(
        hour=12
    )


class Journey:
    """One young person's referral, moved along the journey on the dates a test gives."""

    def __init__(self, session: AsyncSession, org: Organisation, person: YoungPerson) -> None:
        self.session, self.org, self.person = session, org, person
        self.referral: Referral | None = None

    @classmethod
    async def start(
        cls,
        session: AsyncSession,
        org: Organisation,
        *,
        name: str,
        received: str,
        source: ReferralSource = ReferralSource.social_worker,
        cohort: Cohort = Cohort.in_care,
        age: int | None = None,
        born: str | None = None,
        gender: str | None = None,
        ethnicity: str | None = None,
        disability: bool | None = None,
    ) -> Journey:
        person = YoungPerson(
            organisation_id=org.id,
            preferred_name=name,
            cohort=cohort,
            age_at_referral=age,
            date_of_birth=date.fromisoformat(born) if born else None,
            gender=gender,
            ethnicity=ethnicity,
            disability=disability,
            not_going_home_or_adopted=True,
            created_at=noon(received),
        )
        session.add(person)
        await session.flush()
        journey = cls(session, org, person)
        journey.referral = await create_referral(
            session=session,
            now=noon(received),
            organisation=org,
            young_person=person,
            source=source,
        )
        return journey

    async def move(self, to: ReferralStatus, day: str, reason: str | None = None) -> Journey:
        assert self.referral is not None
        kind = ActorKind.young_person if to == S.opted_out else ActorKind.user
        await move_referral(
            session=self.session,
            referral=self.referral,
            to=to,
            now=noon(day),
            by_kind=kind,
            reason=reason,
        )
        return self

    async def to_conference(self, *days: str) -> Journey:
        """accepted, allocated, planning, searching, conference_planned, then conference held."""
        steps = [S.accepted, S.allocated, S.planning, S.searching, S.conference_planned]
        for step, day in zip(steps, days[:5], strict=True):
            await self.move(step, day)
        await self.hold_conference(days[5])
        return self

    async def hold_conference(self, day: str) -> None:
        meeting = Meeting(
            organisation_id=self.org.id,
            young_person_id=self.person.id,
            kind=MeetingKind.conference,
            scheduled_at=noon(day),
            created_at=noon(day),
        )
        self.session.add(meeting)
        await self.session.flush()
        await record_conference_held(
            session=self.session, now=noon(day), conference=meeting, held_at=noon(day)
        )

    async def review(self, day: str) -> None:
        self.session.add(
            Meeting(
                organisation_id=self.org.id,
                young_person_id=self.person.id,
                kind=MeetingKind.review,
                scheduled_at=noon(day),
                held_at=noon(day),
                created_at=noon(day),
            )
        )
        await self.session.flush()

    async def measure(self, kind: MeasureKind, value: int, day: str) -> None:
        self.session.add(
            Measure(
                organisation_id=self.org.id,
                young_person_id=self.person.id,
                kind=kind,
                value=value,
                recorded_on=date.fromisoformat(day),
                created_at=noon(day),
            )
        )
        await self.session.flush()

    async def connection(self, status: ConnectionStatus, day: str, name: str = "Nan") -> None:
        self.session.add(
            Connection(
                organisation_id=self.org.id,
                young_person_id=self.person.id,
                name=name,
                relationship_label="nan",
                category=ConnectionCategory.family,
                named_by=NamedBy.young_person,
                closeness=Closeness.inner,
                status=status,
                status_changed_at=noon(day),
                created_at=noon(day),
            )
        )
        await self.session.flush()

    async def check_in(
        self,
        due: str,
        state: CheckInState,
        *,
        wellbeing: int | None = None,
        answered: str | None = None,
    ) -> None:
        """Set the state of the scheduled check-in due on `due` (scheduled by the conference)."""
        rows = await self.session.scalars(
            select(CheckIn).where(CheckIn.young_person_id == self.person.id)
        )
        matching = [c for c in rows if c.due_at.date().isoformat() == due]
        assert len(matching) == 1, (
            f"no single check-in due on {due} for {self.person.preferred_name}"
        )
        checkin = matching[0]
        checkin.state = state
        if state != CheckInState.cancelled:
            checkin.sent_at = checkin.due_at
        if state == CheckInState.answered:
            checkin.answered_at = noon(answered or due)
            checkin.wellbeing = wellbeing
        await self.session.flush()
