"""One of every kind of record about a young person, built through `models/` rules."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from models import Organisation, YoungPerson
from models.checkins.schedule import add_checkin
from models.core.enums import (
    CommitmentWho,
    ConnectionCategory,
    ConsentGivenBy,
    ConsentKind,
    Frequency,
    MeasureKind,
    MeetingKind,
    NamedBy,
    NudgeKind,
    ReferralSource,
)
from models.meetings.arranging import add_commitment, schedule_meeting
from models.network.tracing import add_connection
from models.nudges.raising import raise_nudge
from models.referrals.intake import create_referral
from models.young_people.consent import record_consent
from models.young_people.measures import Measure


async def give_all_consents(session: AsyncSession, now, person: YoungPerson) -> int:
    first = None
    for kind in ConsentKind:
        for given_by in ConsentGivenBy:
            consent = await record_consent(
                session=session,
                now=now,
                young_person=person,
                kind=kind,
                given_by=given_by,
                given_by_name="Ms Jones, social worker"
                if given_by.value != "young_person"
                else None,
            )
            first = first or consent.id
    assert first is not None
    return first


async def every_record(session: AsyncSession, now, person: YoungPerson) -> dict[str, int]:
    """Ids by path parameter name: referral, consent, connection, meeting, commitment, ..."""
    organisation = await session.get_one(Organisation, person.organisation_id)
    referral = await create_referral(
        session=session,
        now=now,
        organisation=organisation,
        young_person=person,
        source=ReferralSource.social_worker,
        referrer_name="Alex Patel",
    )
    consent_id = await give_all_consents(session, now, person)
    connection = await add_connection(
        session=session,
        now=now,
        young_person=person,
        name="Margaret Smith",
        relationship_label="nan",
        category=ConnectionCategory.family,
        named_by=NamedBy.young_person,
        contact_details="07700 900123",
    )
    meeting = await schedule_meeting(
        session=session,
        now=now,
        young_person=person,
        kind=MeetingKind.conference,
        scheduled_at=now + timedelta(days=3),
        attendees="Sam\nNan",
    )
    commitment = await add_commitment(
        session=session,
        now=now,
        meeting=meeting,
        who=CommitmentWho.connection,
        connection_id=connection.id,
        what="Sunday phone call",
        frequency=Frequency.weekly,
    )
    checkin = await add_checkin(
        session=session,
        now=now,
        young_person=person,
        due_at=now + timedelta(days=20),
        label="extra",
    )
    nudge = await raise_nudge(
        session=session,
        now=now,
        kind=NudgeKind.contact_asked,
        young_person=person,
        detail="please ring me",
    )
    measure = Measure(
        organisation_id=person.organisation_id,
        young_person_id=person.id,
        kind=MeasureKind.network_size,
        value=7,
        recorded_on=now.date(),
        created_at=now,
    )
    session.add(measure)
    await session.flush()
    return {
        "young_person_id": person.id,
        "referral_id": referral.id,
        "consent_id": consent_id,
        "connection_id": connection.id,
        "meeting_id": meeting.id,
        "commitment_id": commitment.id,
        "check_in_id": checkin.id,
        "nudge_id": nudge.id,
    }
