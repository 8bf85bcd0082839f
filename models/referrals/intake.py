"""Referrals coming in: from a young person themselves, a social worker or a coordinator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from models.core.db import add_now
from models.core.enums import (
    ActorKind,
    Cohort,
    NudgeKind,
    Priority,
    ReferralSource,
    ReferralStatus,
)
from models.nudges.raising import raise_nudge
from models.referrals.referral import Referral, ReferralTransition
from models.staff.organisation import Organisation
from models.young_people.young_person import YoungPerson, age_on


@dataclass(frozen=True)
class Eligibility:
    eligible: bool | None
    notes: str


def assess_eligibility(
    *,
    organisation: Organisation,
    cohort: Cohort,
    age: int | None,
    not_going_home_or_adopted: bool | None,
) -> Eligibility:
    """The council's rule, for coordinators only: it never turns a young person away in chat."""
    cohorts = {c.strip() for c in organisation.eligible_cohorts.split(",") if c.strip()}
    notes: list[str] = []
    eligible: bool | None = True
    if cohort.value not in cohorts:
        eligible = False
        notes.append(f"cohort '{cohort.value}' is outside this council's rule")
    if cohort == Cohort.not_sure:
        eligible = None if eligible else eligible
        notes.append("young person is not sure whether they are in care: check with them")
    if age is None:
        eligible = None if eligible else eligible
        notes.append("age not known")
    elif age > organisation.eligible_max_age:
        eligible = False
        notes.append(f"age {age} is over {organisation.eligible_max_age}")
    if cohort == Cohort.in_care and not_going_home_or_adopted is False:
        eligible = False
        notes.append("plan is to go home or be adopted")
    elif cohort == Cohort.in_care and not_going_home_or_adopted is None:
        notes.append("permanence plan not yet confirmed")
    return Eligibility(eligible=eligible, notes="; ".join(notes) or "meets the council's rule")


async def create_referral(
    *,
    session: AsyncSession,
    now: datetime,
    organisation: Organisation,
    young_person: YoungPerson,
    source: ReferralSource,
    priority: Priority = Priority.standard,
    referrer_name: str | None = None,
    referrer_contact: str | None = None,
    by_user_id: int | None = None,
    note: str | None = None,
) -> Referral:
    """Record a referral as received, work out eligibility, and nudge for a self-referral.

    `note`: something the team must know first (it leads the eligibility notes and the nudge).
    """
    age = (
        age_on(young_person.date_of_birth, now.date())
        if young_person.date_of_birth
        else young_person.age_at_referral
    )
    verdict = assess_eligibility(
        organisation=organisation,
        cohort=young_person.cohort,
        age=age,
        not_going_home_or_adopted=young_person.not_going_home_or_adopted,
    )
    referral = Referral(
        organisation_id=organisation.id,
        young_person_id=young_person.id,
        source=source,
        priority=priority,
        status=ReferralStatus.received,
        referrer_name=referrer_name,
        referrer_contact=referrer_contact,
        eligible=verdict.eligible,
        eligibility_notes=f"{note}; {verdict.notes}" if note else verdict.notes,
        received_at=now,
        status_changed_at=now,
    )
    await add_now(session, referral)
    session.add(
        ReferralTransition(
            organisation_id=organisation.id,
            referral_id=referral.id,
            from_status=None,
            to_status=ReferralStatus.received,
            at=now,
            by_kind=ActorKind.young_person if source == ReferralSource.self else ActorKind.user,
            by_user_id=by_user_id,
        )
    )
    if source == ReferralSource.self:
        await raise_nudge(
            session=session,
            now=now,
            kind=NudgeKind.new_self_referral,
            young_person=young_person,
            detail=note,
        )
    await session.flush()
    return referral
