"""The coordinators' daily digest: every open, non-urgent nudge not yet told, at 09:00 on
working days (urgent ones already went at once). One message per person, listed by young
person; each nudge goes in one digest only, even with several schedulers running.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models.core.enums import NudgeState, Urgency
from models.core.working_days import is_working_day
from models.email.sending import email_digest
from models.nudges.channels import by_email, by_telegram, channels_of
from models.nudges.nudge import Nudge
from models.nudges.raising import urgent_recipients
from models.outbox.addressing import addressed_to
from models.outbox.message import OutboundMessage
from models.outbox.sending import enqueue_message
from models.staff.organisation import Organisation
from models.staff.user import User
from models.young_people.young_person import YoungPerson
from texts.staff import digest_line, digest_text

BATCH = 2000
# How late a missed digest may still go: the morning (the 09:00 tick allows the same).
DIGEST_GRACE = timedelta(hours=3)


async def _recipients(session: AsyncSession, nudge: Nudge) -> list[User]:
    """The coordinator; with none (or none active), their managers, so nothing is missed."""
    if nudge.coordinator_id is not None:
        coordinator = await session.get(User, nudge.coordinator_id)
        if coordinator is not None and coordinator.is_active:
            return [coordinator]
    return [u for u in await urgent_recipients(session, nudge.organisation_id, None) if u.is_active]


async def send_digests(*, session: AsyncSession, now: datetime, tz: str) -> int:
    """Queue today's digests; returns how many were queued (none on weekends, bank holidays)."""
    today = now.astimezone(ZoneInfo(tz)).date()
    if not is_working_day(today):
        return 0
    nudges = list(
        await session.scalars(
            select(Nudge)
            .where(
                Nudge.state == NudgeState.open,
                Nudge.urgency == Urgency.normal,
                Nudge.digested_at.is_(None),
            )
            .order_by(Nudge.id)
            .limit(BATCH)
            .with_for_update(skip_locked=True)
        )
    )
    by_user: dict[int, list[Nudge]] = defaultdict(list)
    users: dict[int, User] = {}
    for nudge in nudges:
        nudge.digested_at = now
        for user in await _recipients(session, nudge):
            users[user.id] = user
            by_user[user.id].append(nudge)
    queued = 0
    channels = await channels_of(session=session, users=users.values())
    for user_id, items in by_user.items():
        user = users[user_id]
        if by_email(channels[user_id]):
            await email_digest(
                session=session, now=now, user=user, nudges=items, day=today.isoformat()
            )
            queued += 1
        if user.telegram_chat_id is None or not by_telegram(channels[user_id]):
            continue
        language = (await session.get_one(Organisation, user.organisation_id)).language
        lines = []
        for nudge in items:
            person = (
                await session.get(YoungPerson, nudge.young_person_id)
                if nudge.young_person_id
                else None
            )
            name = person.preferred_name if person is not None else None
            lines.append(digest_line(nudge.kind, nudge.id, name, language))
        await enqueue_message(
            session=session,
            **addressed_to(user),
            kind="digest",
            body=digest_text(lines, language),
            now=now,
            dedupe_key=f"digest:{user.id}:{today.isoformat()}:{items[0].id}",
            respects_quiet_hours=False,
        )
        queued += 1
    await session.flush()
    return queued


async def digest_owed(
    *, session: AsyncSession, now: datetime, tz: str, hour: int, grace: timedelta = DIGEST_GRACE
) -> bool:
    """Whether today's digest still has to go: Kith was down at the digest hour.

    The daily tick lives in the scheduler's memory (its job stores cannot be shared), so a
    scheduler started at 09:40 would leave coordinators without today's digest until
    tomorrow. Owed within the grace after the hour, on a working day, when no digest has
    been queued since the hour. Nothing is told twice either way (`digested_at`).
    """
    local = now.astimezone(ZoneInfo(tz))
    if not is_working_day(local.date()):
        return False
    due = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    if not due <= local < due + grace:
        return False
    already = await session.scalar(
        select(OutboundMessage.id)
        .where(OutboundMessage.kind == "digest", OutboundMessage.created_at >= due)
        .limit(1)
    )
    return already is None
