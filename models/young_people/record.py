"""A young person's whole record as a coordinator reads it, in one call: who they are, their
consents, the network with each person's open next step, meetings and the plan, check-ins,
measures, the timeline, what they told the coordinator and their rights requests.

Shared by every view of a record (the workspace's record page today). It only reads: who may
read it is `caseload.reachable_young_person`'s rule, and the caller writes the audit events.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models.checkins.checkin import CheckIn
from models.core.enums import CheckInState, CommitmentWho
from models.meetings.meeting import Commitment, Meeting
from models.network.connection import Connection
from models.network.contact_log import DueStep, open_next_steps
from models.network.tracing import network_of
from models.nudges.nudge import Nudge
from models.nudges.raising import OPEN
from models.referrals.referral import Referral
from models.staff.user import User
from models.young_people.consent import Consent, consents_of
from models.young_people.measures import Measure
from models.young_people.replies import CoordinatorReply, replies_to
from models.young_people.rights import RightsRequest, TellMessage
from models.young_people.timeline import TimelineEntry, timeline
from models.young_people.young_person import YoungPerson


@dataclass(frozen=True)
class Record:
    young_person: YoungPerson
    coordinator_name: str | None
    referral: Referral | None
    consents: list[Consent]
    connections: list[Connection]
    next_steps: dict[int, DueStep]
    meetings: list[Meeting]
    commitments: list[Commitment]
    commitment_who: dict[int, str]
    checkins: list[CheckIn]
    wellbeing: list[tuple[datetime, int]]
    measures: list[Measure]
    nudges: list[Nudge]
    tells: list[TellMessage]
    rights_requests: list[RightsRequest]
    replies: list[CoordinatorReply]
    timeline: list[TimelineEntry]


async def record_of(*, session: AsyncSession, young_person: YoungPerson, now: datetime) -> Record:
    yp = young_person.id
    coordinator = (
        await session.get(User, young_person.coordinator_id)
        if young_person.coordinator_id
        else None
    )
    referral = await session.scalar(
        select(Referral)
        .where(Referral.young_person_id == yp)
        .order_by(Referral.received_at.desc(), Referral.id.desc())
        .limit(1)
    )
    connections = await network_of(session=session, young_person_id=yp)
    meetings = list(
        await session.scalars(
            select(Meeting).where(Meeting.young_person_id == yp).order_by(Meeting.scheduled_at)
        )
    )
    commitments = list(
        await session.scalars(
            select(Commitment).where(Commitment.young_person_id == yp).order_by(Commitment.id)
        )
    )
    names = {c.id: c.name for c in connections}
    who = {
        c.id: names.get(c.connection_id or 0, c.who.value)
        if c.who == CommitmentWho.connection
        else c.who.value.replace("_", " ")
        for c in commitments
    }
    checkins = list(
        await session.scalars(
            select(CheckIn).where(CheckIn.young_person_id == yp).order_by(CheckIn.due_at)
        )
    )
    wellbeing = [
        (c.answered_at, c.wellbeing)
        for c in checkins
        if c.state == CheckInState.answered and c.wellbeing is not None and c.answered_at
    ]
    measures = list(
        await session.scalars(
            select(Measure)
            .where(Measure.young_person_id == yp)
            .order_by(Measure.recorded_on, Measure.id)
        )
    )
    nudges = list(
        await session.scalars(
            select(Nudge)
            .where(Nudge.young_person_id == yp, Nudge.state.in_(OPEN))
            .order_by(Nudge.urgency.desc(), Nudge.last_raised_at.desc())
        )
    )
    tells = list(
        await session.scalars(
            select(TellMessage)
            .where(TellMessage.young_person_id == yp)
            .order_by(TellMessage.at.desc())
        )
    )
    rights = list(
        await session.scalars(
            select(RightsRequest)
            .where(RightsRequest.young_person_id == yp)
            .order_by(RightsRequest.requested_at.desc())
        )
    )
    return Record(
        young_person=young_person,
        coordinator_name=coordinator.display_name if coordinator is not None else None,
        referral=referral,
        consents=await consents_of(session=session, young_person_id=yp),
        connections=connections,
        next_steps=await open_next_steps(session=session, young_person_id=yp),
        meetings=meetings,
        commitments=commitments,
        commitment_who=who,
        checkins=checkins,
        wellbeing=wellbeing,
        measures=measures,
        nudges=nudges,
        tells=tells,
        rights_requests=rights,
        replies=await replies_to(session=session, young_person_id=yp),
        timeline=await timeline(session=session, young_person_id=yp),
    )
