"""The detective work: every attempt to reach a person in a young person's network — a call,
a letter, a visit, a records search — with its outcome, a note kept encrypted, and the next
step with its date. A next step that is due shows on the coordinator's Today.

A new entry for the same person settles the open next steps before it: the latest entry says
what happens next. Notes are the coordinator's: they never reach the bot.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Date, ForeignKey, Index, String, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.core.base import Base, CreatedAt, OrgScoped, str_enum
from models.core.db import add_now
from models.core.enums import ContactChannel, ContactOutcome
from models.core.types import BigId, EncryptedText, UTCDateTime
from models.network.connection import Connection, about_connection, typed_text
from models.staff.user import User, name_of
from models.young_people.caseload import reach_condition
from models.young_people.young_person import YoungPerson
from texts.workspace import CONTACT_LOG

STAFF_ZONE = ZoneInfo("Europe/London")
DUE_LIMIT = 50


class ContactLogEntry(OrgScoped, CreatedAt, Base):
    __tablename__ = "contact_log_entry"
    __table_args__ = (
        Index(None, "connection_id", "contacted_on"),
        # Today: a coordinator's open next steps by date.
        Index(None, "organisation_id", "next_step_done_at", "next_step_on"),
    )

    connection_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("connection.id", ondelete="CASCADE"), nullable=False
    )
    young_person_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("young_person.id", ondelete="CASCADE"), nullable=False, index=True
    )
    by_user_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True
    )
    contacted_on: Mapped[date] = mapped_column(Date, nullable=False)
    channel: Mapped[ContactChannel] = mapped_column(
        str_enum(ContactChannel, "contact_channel"), nullable=False
    )
    outcome: Mapped[ContactOutcome] = mapped_column(
        str_enum(ContactOutcome, "contact_outcome"), nullable=False
    )
    note: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)
    # The next step may name a relative or an address: encrypted too.
    next_step: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)
    next_step_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    next_step_done_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    by_name: Mapped[str | None] = mapped_column(String(200), nullable=True)


class ContactLogError(ValueError):
    """A contact that cannot be logged as given; `field` names the part that is wrong and
    `message` is a catalog text."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


FUTURE = CONTACT_LOG["future"]
STEP_BEFORE = CONTACT_LOG["step_before"]
STEP_NEEDS_TEXT = CONTACT_LOG["step_needs_text"]


@dataclass(frozen=True)
class DueStep:
    entry_id: int
    connection_id: int
    young_person_id: int
    next_step: str
    due_on: date | None  # a step with no date is open but never due


async def log_contact(
    *,
    session: AsyncSession,
    now: datetime,
    connection: Connection,
    by_user_id: int | None,
    contacted_on: date,
    channel: ContactChannel,
    outcome: ContactOutcome,
    note: str | None = None,
    next_step: str | None = None,
    next_step_on: date | None = None,
) -> ContactLogEntry:
    today = now.astimezone(STAFF_ZONE).date()
    if contacted_on > today:
        raise ContactLogError("contacted_on", FUTURE)
    next_step = typed_text(next_step)
    if next_step_on is not None and next_step is None:
        raise ContactLogError("next_step", STEP_NEEDS_TEXT)
    if next_step_on is not None and next_step_on < contacted_on:
        raise ContactLogError("next_step_on", STEP_BEFORE)
    await session.execute(
        update(ContactLogEntry)
        .where(
            ContactLogEntry.connection_id == connection.id,
            ContactLogEntry.next_step_done_at.is_(None),
            ContactLogEntry.next_step.is_not(None),
        )
        .values(next_step_done_at=now)
    )
    entry = ContactLogEntry(
        **about_connection(connection),
        by_user_id=by_user_id,
        by_name=await name_of(session, by_user_id),
        contacted_on=contacted_on,
        channel=channel,
        outcome=outcome,
        note=typed_text(note),
        next_step=next_step,
        next_step_on=next_step_on,
        created_at=now,
    )
    return await add_now(session, entry)


async def contact_log_of(*, session: AsyncSession, connection_id: int) -> list[ContactLogEntry]:
    """Newest first."""
    rows = await session.scalars(
        select(ContactLogEntry)
        .where(ContactLogEntry.connection_id == connection_id)
        .order_by(ContactLogEntry.contacted_on.desc(), ContactLogEntry.id.desc())
    )
    return list(rows)


def settle_next_step(*, entry: ContactLogEntry, now: datetime) -> None:
    if entry.next_step_done_at is None:
        entry.next_step_done_at = now


async def open_next_steps(*, session: AsyncSession, young_person_id: int) -> dict[int, DueStep]:
    """Each person's open next step in one young person's network, by connection."""
    rows = await session.execute(
        select(
            ContactLogEntry.id,
            ContactLogEntry.connection_id,
            ContactLogEntry.next_step,
            ContactLogEntry.next_step_on,
        ).where(
            ContactLogEntry.young_person_id == young_person_id,
            ContactLogEntry.next_step_done_at.is_(None),
            ContactLogEntry.next_step.is_not(None),
        )
    )
    steps: dict[int, DueStep] = {}
    for entry_id, connection_id, text, due_on in rows:
        steps[connection_id] = DueStep(entry_id, connection_id, young_person_id, text or "", due_on)
    return steps


async def due_next_steps(*, session: AsyncSession, now: datetime, user: User) -> list[DueStep]:
    """The open next steps due today or before, in this person's reach, oldest first."""
    today = now.astimezone(STAFF_ZONE).date()
    rows = await session.execute(
        select(
            ContactLogEntry.id,
            ContactLogEntry.connection_id,
            ContactLogEntry.young_person_id,
            ContactLogEntry.next_step,
            ContactLogEntry.next_step_on,
        )
        .join(YoungPerson, YoungPerson.id == ContactLogEntry.young_person_id)
        .where(
            ContactLogEntry.organisation_id == user.organisation_id,
            reach_condition(user),
            ContactLogEntry.next_step_done_at.is_(None),
            ContactLogEntry.next_step_on <= today,
        )
        .order_by(ContactLogEntry.next_step_on, ContactLogEntry.id)
        .limit(DUE_LIMIT)
    )
    return [
        DueStep(entry_id, connection_id, yp_id, text or "", due_on or today)
        for entry_id, connection_id, yp_id, text, due_on in rows
    ]
