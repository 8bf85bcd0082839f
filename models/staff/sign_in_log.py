"""The operator's view of sign-ins across the whole deployment: every refused attempt (wrong,
locked, throttled, a disabled account), with the email typed, the address, and the councils
that have an account with that email. A council's admin sees only their own accounts' part
of this, on their audit trail; this is for the person who runs Kith (`kith audit security`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models.staff.organisation import Organisation
from models.staff.throttling import LoginAttempt, SignInOutcome
from models.staff.user import User


@dataclass(frozen=True)
class RefusedSignIn:
    at: datetime
    outcome: SignInOutcome
    email: str
    address: str
    councils: tuple[str, ...]  # slugs of the councils with an account for this email


async def refused_sign_ins(
    *, session: AsyncSession, since: datetime, limit: int = 500
) -> list[RefusedSignIn]:
    """Newest first."""
    attempts = list(
        await session.scalars(
            select(LoginAttempt)
            .where(LoginAttempt.at >= since, LoginAttempt.outcome != SignInOutcome.ok)
            .order_by(LoginAttempt.at.desc(), LoginAttempt.id.desc())
            .limit(limit)
        )
    )
    emails = {attempt.email for attempt in attempts}
    councils: dict[str, list[str]] = {}
    if emails:
        rows = await session.execute(
            select(User.email, Organisation.slug)
            .join(Organisation, Organisation.id == User.organisation_id)
            .where(User.email.in_(emails))
            .order_by(Organisation.slug)
        )
        for email, slug in rows:
            councils.setdefault(email, []).append(slug)
    return [
        RefusedSignIn(
            at=attempt.at,
            outcome=attempt.outcome,
            email=attempt.email,
            address=attempt.address,
            councils=tuple(councils.get(attempt.email, ())),
        )
        for attempt in attempts
    ]
