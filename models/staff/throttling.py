"""Sign-in throttling: failed attempts per email and per address slow, then refuse, sign-ins.

Each attempt takes a place in two counters (the email typed, the address it came from)
BEFORE its password is looked at, with one upsert per counter that also returns the new
count: the count and the decision are one atomic step, so 15 guesses sent in parallel get
at most 5 evaluations before the refusals start. A right password gives its place back.
Counted by the email typed, whether or not such an account exists, so a refusal never tells
an attacker which accounts are real. Every attempt is also written to `LoginAttempt`, the
sign-in log the operator reads (`kith audit security`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import Index, Integer, String, case, delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.core.base import Base, IdMixin, str_enum
from models.core.db import core_table, is_postgres
from models.core.types import UTCDateTime

WINDOW = timedelta(minutes=15)
SLOW_AFTER = 3  # failures before each further attempt is slowed
REFUSE_AFTER_PER_ACCOUNT = 5
REFUSE_AFTER_PER_ADDRESS = 20


class SignInOutcome(StrEnum):
    """What became of one attempt, as the log and the council's audit trail say it."""

    ok = "ok"
    failed = "failed"  # wrong email, password or code
    disabled = "disabled"  # the right password for a disabled account
    locked = "locked"  # refused: too many failures for this email
    throttled = "throttled"  # refused: too many failures from this address


class LoginAttempt(IdMixin, Base):
    """Every sign-in attempt (no organisation: the email typed may belong to none, or to
    accounts in several councils; their audit trails get an event each)."""

    __tablename__ = "login_attempt"
    __table_args__ = (Index(None, "email", "at"), Index(None, "address", "at"), Index(None, "at"))

    email: Mapped[str] = mapped_column(String(254), nullable=False)
    address: Mapped[str] = mapped_column(String(64), nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    outcome: Mapped[SignInOutcome] = mapped_column(
        str_enum(SignInOutcome, "sign_in_outcome"), nullable=False
    )

    @property
    def succeeded(self) -> bool:
        return self.outcome is SignInOutcome.ok


class SignInCounter(Base):
    """Attempts not (yet) known to be right, for one email or one address, in a window that
    starts at the first of them and lasts WINDOW."""

    __tablename__ = "sign_in_counter"

    key: Mapped[str] = mapped_column(String(330), primary_key=True)
    window_started_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    failures: Mapped[int] = mapped_column(Integer, nullable=False)


@dataclass(frozen=True)
class Throttle:
    failures: int  # the larger count, this attempt included
    refused: bool
    outcome: SignInOutcome | None  # locked or throttled when refused
    retry_after: int  # seconds

    @property
    def slowed(self) -> bool:
        return self.failures > SLOW_AFTER


def _keys(email: str, address: str) -> tuple[str, str]:
    return f"address:{address[:64]}", f"email:{email.strip().lower()[:254]}"


async def count_attempt(
    *, session: AsyncSession, now: datetime, email: str, address: str
) -> Throttle:
    """Take this attempt's place in both counters and say whether it may go on; the caller
    commits at once (the counters' rows stay locked until then)."""
    table = core_table(SignInCounter)
    insert = postgresql.insert if is_postgres(session) else sqlite.insert
    expired = table.c.window_started_at <= now - WINDOW
    # Keys in one order in every statement, so two parallel upserts never deadlock.
    values = insert(table).values(
        [{"key": key, "window_started_at": now, "failures": 1} for key in _keys(email, address)]
    )
    statement = values.on_conflict_do_update(
        index_elements=[table.c.key],
        set_={
            "failures": case((expired, 1), else_=table.c.failures + 1),
            "window_started_at": case((expired, now), else_=table.c.window_started_at),
        },
    ).returning(table.c.key, table.c.failures, table.c.window_started_at)
    rows = {row.key: row for row in (await session.execute(statement)).all()}
    by_address, by_email = (rows[key] for key in _keys(email, address))
    outcome = None
    if by_email.failures > REFUSE_AFTER_PER_ACCOUNT:
        outcome, row = SignInOutcome.locked, by_email
    elif by_address.failures > REFUSE_AFTER_PER_ADDRESS:
        outcome, row = SignInOutcome.throttled, by_address
    retry_after = 0
    if outcome is not None:
        started = row.window_started_at
        retry_after = max(1, int((started + WINDOW - now).total_seconds() + 0.999))
    return Throttle(
        failures=max(by_email.failures, by_address.failures),
        refused=outcome is not None,
        outcome=outcome,
        retry_after=retry_after,
    )


async def give_back_attempt(
    *, session: AsyncSession, now: datetime, email: str, address: str
) -> None:
    """A right sign-in was no failure: its places in the counters are given back, and
    counters whose window has passed are cleared away."""
    table = core_table(SignInCounter)
    await session.execute(
        update(table)
        .where(table.c.key.in_(_keys(email, address)), table.c.failures > 0)
        .values(failures=table.c.failures - 1)
    )
    await session.execute(delete(table).where(table.c.window_started_at <= now - WINDOW))


def record_login_attempt(
    *, session: AsyncSession, now: datetime, email: str, address: str, outcome: SignInOutcome
) -> LoginAttempt:
    attempt = LoginAttempt(
        email=email.strip().lower()[:254], address=address[:64], at=now, outcome=outcome
    )
    session.add(attempt)
    return attempt
