"""Login throttling: failed attempts per account and per address slow, then refuse, logins.

Counted by the email typed, whether or not such an account exists, so a refusal never
tells an attacker which accounts are real.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Boolean, Index, String, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.core.base import Base, IdMixin
from models.core.types import UTCDateTime


class LoginAttempt(IdMixin, Base):
    """Every login attempt, for throttling and the audit trail (no organisation: may be unknown)."""

    __tablename__ = "login_attempt"
    __table_args__ = (Index(None, "email", "at"), Index(None, "address", "at"))

    email: Mapped[str] = mapped_column(String(254), nullable=False)
    address: Mapped[str] = mapped_column(String(64), nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    succeeded: Mapped[bool] = mapped_column(Boolean, nullable=False)


WINDOW = timedelta(minutes=15)
SLOW_AFTER = 3  # failures before each further attempt is slowed
REFUSE_AFTER_PER_ACCOUNT = 5
REFUSE_AFTER_PER_ADDRESS = 20


@dataclass(frozen=True)
class Throttle:
    failures: int
    refused: bool
    retry_after: int  # seconds

    @property
    def slowed(self) -> bool:
        return self.failures >= SLOW_AFTER


async def _failures(session: AsyncSession, since: datetime, column: object, value: str) -> int:
    count = await session.scalar(
        select(func.count()).where(
            column == value,  # type: ignore[arg-type]
            LoginAttempt.at > since,
            LoginAttempt.succeeded.is_(False),
        )
    )
    return int(count or 0)


async def login_throttle(
    *, session: AsyncSession, now: datetime, email: str, address: str
) -> Throttle:
    since = now - WINDOW
    by_account = await _failures(session, since, LoginAttempt.email, email.strip().lower())
    by_address = await _failures(session, since, LoginAttempt.address, address)
    refused = by_account >= REFUSE_AFTER_PER_ACCOUNT or by_address >= REFUSE_AFTER_PER_ADDRESS
    return Throttle(
        failures=max(by_account, by_address),
        refused=refused,
        retry_after=int(WINDOW.total_seconds()) if refused else 0,
    )


def record_login_attempt(
    *, session: AsyncSession, now: datetime, email: str, address: str, succeeded: bool
) -> LoginAttempt:
    attempt = LoginAttempt(
        email=email.strip().lower()[:254], address=address[:64], at=now, succeeded=succeeded
    )
    session.add(attempt)
    return attempt
