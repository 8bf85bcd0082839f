"""Consent, recorded separately per purpose; under-16s also need whoever holds parental
responsibility. A step that needs a consent it lacks is refused, naming what is missing."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.core.base import Base, CreatedAt, OrgScoped, str_enum
from models.core.db import add_now
from models.core.enums import ConsentGivenBy, ConsentKind, ReferralStatus
from models.core.types import BigId, EncryptedText, UTCDateTime
from models.young_people.young_person import YoungPerson, about_young_person, age_on


class Consent(OrgScoped, CreatedAt, Base):
    """One consent, recorded separately per purpose; withdrawal keeps the record with its reason."""

    __tablename__ = "consent"
    __table_args__ = (Index(None, "young_person_id", "kind"),)

    young_person_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("young_person.id", ondelete="CASCADE"), nullable=False
    )
    kind: Mapped[ConsentKind] = mapped_column(str_enum(ConsentKind, "consent_kind"), nullable=False)
    given_by: Mapped[ConsentGivenBy] = mapped_column(
        str_enum(ConsentGivenBy, "consent_given_by"), nullable=False
    )
    given_by_name: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)
    given_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    withdrawn_reason: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)


PARENTAL_RESPONSIBILITY_UNDER = 16

# What each step needs. Taking part before any work with the young person; tracing before
# anyone is searched for; bot messages before the bot may write to them.
NEEDED_FOR_MOVE: dict[ReferralStatus, tuple[ConsentKind, ...]] = {
    ReferralStatus.planning: (ConsentKind.taking_part,),
    ReferralStatus.searching: (ConsentKind.taking_part, ConsentKind.tracing),
    ReferralStatus.conference_planned: (ConsentKind.taking_part, ConsentKind.tracing),
}
NEEDED_FOR_INVITE: tuple[ConsentKind, ...] = (ConsentKind.taking_part, ConsentKind.bot_messages)


class ConsentError(ValueError):
    pass


class MissingConsentError(Exception):
    """Names each missing consent, e.g. "tracing (from whoever holds parental responsibility)"."""

    def __init__(self, missing: list[str], purpose: str) -> None:
        self.missing = missing
        self.purpose = purpose
        super().__init__(f"{purpose} needs consent that is missing: {', '.join(missing)}")


def age_of(young_person: YoungPerson, today: date) -> int | None:
    if young_person.date_of_birth is not None:
        return age_on(young_person.date_of_birth, today)
    return young_person.age_at_referral


def needs_parental_responsibility(young_person: YoungPerson, today: date) -> bool:
    """Under 16, or age unknown: be safe and ask for both."""
    age = age_of(young_person, today)
    return age is None or age < PARENTAL_RESPONSIBILITY_UNDER


async def record_consent(
    *,
    session: AsyncSession,
    now: datetime,
    young_person: YoungPerson,
    kind: ConsentKind,
    given_by: ConsentGivenBy,
    given_by_name: str | None = None,
    given_at: datetime | None = None,
) -> Consent:
    if given_by == ConsentGivenBy.parental_responsibility and not (
        given_by_name and given_by_name.strip()
    ):
        raise ConsentError("consent from parental responsibility must say who gave it")
    if given_at is not None and given_at > now:
        raise ConsentError("consent cannot be given in the future")
    consent = Consent(
        **about_young_person(young_person),
        kind=kind,
        given_by=given_by,
        given_by_name=given_by_name.strip() if given_by_name else None,
        given_at=given_at or now,
        created_at=now,
    )
    return await add_now(session, consent)


def withdraw_consent(*, consent: Consent, now: datetime, reason: str) -> None:
    if consent.withdrawn_at is not None:
        raise ConsentError("this consent was already withdrawn")
    if not reason.strip():
        raise ConsentError("withdrawing consent needs a reason")
    consent.withdrawn_at = now
    consent.withdrawn_reason = reason.strip()


async def consents_of(*, session: AsyncSession, young_person_id: int) -> list[Consent]:
    rows = await session.scalars(
        select(Consent)
        .where(Consent.young_person_id == young_person_id)
        .order_by(Consent.given_at, Consent.id)
    )
    return list(rows)


async def missing_consents(
    *,
    session: AsyncSession,
    now: datetime,
    young_person: YoungPerson,
    kinds: Iterable[ConsentKind],
) -> list[str]:
    live = {
        (c.kind, c.given_by)
        for c in await consents_of(session=session, young_person_id=young_person.id)
        if c.withdrawn_at is None
    }
    under_16 = needs_parental_responsibility(young_person, now.date())
    missing: list[str] = []
    for kind in kinds:
        if (kind, ConsentGivenBy.young_person) not in live:
            missing.append(f"{kind.value} (from the young person)")
        if under_16 and (kind, ConsentGivenBy.parental_responsibility) not in live:
            missing.append(f"{kind.value} (from whoever holds parental responsibility)")
    return missing


async def require_consents(
    *,
    session: AsyncSession,
    now: datetime,
    young_person: YoungPerson,
    kinds: Iterable[ConsentKind],
    purpose: str,
) -> None:
    missing = await missing_consents(
        session=session, now=now, young_person=young_person, kinds=kinds
    )
    if missing:
        raise MissingConsentError(missing, purpose)
