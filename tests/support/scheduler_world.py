"""A small world for scheduler tests: a council, a coordinator, a young person on Telegram."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Meeting, Organisation, OutboundMessage, User, YoungPerson
from models.checkins.checkin import CheckIn
from models.core.enums import MeetingKind, Role
from models.meetings.conference import record_conference_held
from models.outbox.last_look import Go, last_look
from models.outbox.pace import Pace, ensure_slots
from tests.support import factories


@dataclass
class World:
    org: Organisation
    coordinator: User
    manager: User
    sam: YoungPerson


async def build_world(session: AsyncSession, now: datetime, *, sam_chat: int = 5001) -> World:
    org = await factories.organisation(session, now)
    manager = await factories.user(session, now, org, Role.manager)
    coordinator = await factories.user(session, now, org, manager_id=manager.id)
    coordinator.telegram_chat_id = 9001
    manager.telegram_chat_id = 9002
    sam = await factories.young_person(session, now, org, coordinator=coordinator)
    sam.telegram_chat_id = sam_chat
    await session.flush()
    return World(org=org, coordinator=coordinator, manager=manager, sam=sam)


async def hold_conference(
    session: AsyncSession, now: datetime, person: YoungPerson
) -> list[CheckIn]:
    conference = Meeting(
        organisation_id=person.organisation_id,
        young_person_id=person.id,
        kind=MeetingKind.conference,
        scheduled_at=now,
        created_at=now,
    )
    session.add(conference)
    await session.flush()
    return await record_conference_held(session=session, now=now, conference=conference)


async def outbox(session: AsyncSession, **where: object) -> list[OutboundMessage]:
    query = select(OutboundMessage).order_by(OutboundMessage.id)
    for name, value in where.items():
        query = query.where(getattr(OutboundMessage, name) == value)
    return list(await session.scalars(query.execution_options(populate_existing=True)))


async def start_sending(
    session: AsyncSession, now: datetime, message: OutboundMessage, worker: str = "w"
) -> None:
    """The last look before a send, as the dispatcher does it; the message is now in flight.

    The send pace runs on the test's clock here (`wall=now`): move the clock on between
    two sends to one chat.
    """
    pace = Pace()
    await ensure_slots(session=session, pace=pace)
    verdict = await last_look(
        session=session,
        now=now,
        wall=now.timestamp,
        message=message,
        worker=worker,
        pace=pace,
        lease=timedelta(minutes=1),
    )
    assert isinstance(verdict, Go), verdict
