"""Signing a staff member in: throttled, slowed, checked and written down, for every way in.

The API's token route and the workspace's sign-in page both go through here, so one rule
decides. The attempt is counted first (models.staff.throttling, one atomic step); the email
typed is counted whether or not such an account exists, and a missing account is checked
against a real hash (timing tells nothing). The same email may name accounts in several
councils (emails are unique per council): the password is checked against each, and the
code of the authenticator app tells them apart. A failed, locked or throttled attempt is
written to the sign-in log and, for each account with that email, to its council's audit
trail (the account, never the password tried), so a council's admin sees someone guessing.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models.audit import record_audit
from models.core.enums import ActorKind
from models.staff import passwords
from models.staff.organisation import Organisation
from models.staff.throttling import (
    SLOW_AFTER,
    SignInOutcome,
    count_attempt,
    give_back_attempt,
    record_login_attempt,
)
from models.staff.totp import use_code
from models.staff.user import User

MAX_SLOWDOWN_SECONDS = 3.0


class SignInThrottledError(Exception):
    def __init__(self, retry_after: int, outcome: SignInOutcome) -> None:
        super().__init__("too many failed sign-ins for this account or address")
        self.retry_after = retry_after
        self.outcome = outcome


@dataclass
class PasswordCheck:
    email: str  # as counted: trimmed and lower-cased
    address: str
    route: str
    accounts: list[User] = field(default_factory=list)  # every account with this email
    matched: list[User] = field(default_factory=list)  # active, and the password is right
    disabled: list[int] = field(default_factory=list)  # disabled, and the password is right

    @property
    def user(self) -> User | None:
        """The one account the password opens (None: none, or several to tell apart)."""
        return self.matched[0] if len(self.matched) == 1 else None


async def _accounts(session: AsyncSession, email: str, organisation: str | None) -> list[User]:
    query = select(User).where(User.email == email).order_by(User.id)
    if organisation is not None:
        query = query.join(Organisation, Organisation.id == User.organisation_id).where(
            Organisation.slug == organisation
        )
    return list(await session.scalars(query))


async def check_password(
    *,
    session: AsyncSession,
    now: datetime,
    email: str,
    password: str,
    address: str,
    route: str,
    organisation: str | None = None,
    slowdown_seconds: float = 0.0,
) -> PasswordCheck:
    """The accounts this password opens. Commits the attempt's count at once; a refused
    attempt is written down and committed, then raises SignInThrottledError. A wrong
    password is not yet recorded: call `record_failure` once the whole attempt (with its
    code) has failed, or `record_success`."""
    check = PasswordCheck(email=email.strip().lower()[:254], address=address[:64], route=route)
    throttle = await count_attempt(session=session, now=now, email=check.email, address=address)
    await session.commit()
    check.accounts = await _accounts(session, check.email, organisation)
    if throttle.refused and throttle.outcome is not None:
        _write_down(session, now, check, throttle.outcome)
        await session.commit()
        raise SignInThrottledError(throttle.retry_after, throttle.outcome)
    if throttle.slowed and slowdown_seconds > 0:
        extra = throttle.failures - SLOW_AFTER
        await asyncio.sleep(min(MAX_SLOWDOWN_SECONDS, slowdown_seconds * extra))
    hashes = [account.password_hash for account in check.accounts] or [passwords.DUMMY_HASH]
    right = [await asyncio.to_thread(passwords.verify_password, h, password) for h in hashes]
    opened = [a for a, ok in zip(check.accounts, right, strict=False) if ok]
    check.matched = [account for account in opened if account.is_active]
    check.disabled = [account.id for account in opened if not account.is_active]
    return check


async def second_factor(
    *, session: AsyncSession, now: datetime, check: PasswordCheck, code: str | None
) -> User | None:
    """The account whose authenticator app shows this code (used up now, once, ever)."""
    for account in check.matched:
        if await use_code(session=session, user=account, code=code, now=now):
            return account
    return None


def record_failure(*, session: AsyncSession, now: datetime, check: PasswordCheck) -> None:
    """A failed attempt: in the sign-in log, and on the audit trail of each account's council."""
    _write_down(session, now, check, SignInOutcome.failed)


async def record_success(
    *, session: AsyncSession, now: datetime, check: PasswordCheck, user: User
) -> None:
    """Signed in: the attempt gives its place in the counters back."""
    await give_back_attempt(session=session, now=now, email=check.email, address=check.address)
    record_login_attempt(
        session=session, now=now, email=check.email, address=check.address, outcome=SignInOutcome.ok
    )


def _write_down(
    session: AsyncSession, now: datetime, check: PasswordCheck, outcome: SignInOutcome
) -> None:
    record_login_attempt(
        session=session, now=now, email=check.email, address=check.address, outcome=outcome
    )
    for account in check.accounts:
        said = outcome
        if outcome is SignInOutcome.failed and account.id in check.disabled:
            said = SignInOutcome.disabled
        record_audit(
            session=session,
            now=now,
            actor_kind=ActorKind.user,
            organisation_id=account.organisation_id,
            action="login",
            entity="user",
            entity_id=account.id,
            route=check.route,
            outcome=f"refused:{said.value}",
        )


async def check_enrolment_attempt(
    *, session: AsyncSession, now: datetime, user: User, address: str, route: str
) -> PasswordCheck:
    """The first code after the QR code (the ticket stood for the password): counted and
    throttled like any attempt, so a ticket cannot be used to try every code."""
    check = PasswordCheck(email=user.email, address=address[:64], route=route, accounts=[user])
    throttle = await count_attempt(session=session, now=now, email=check.email, address=address)
    await session.commit()
    if throttle.refused and throttle.outcome is not None:
        _write_down(session, now, check, throttle.outcome)
        await session.commit()
        raise SignInThrottledError(throttle.retry_after, throttle.outcome)
    check.matched = [user]
    return check
