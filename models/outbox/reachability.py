"""Whether Kith may write to a young person now, unasked: the last check before anything leaves.

A message is built when its cause happens and sent later, so the young person may have said
/stop or /pause, or blocked the bot, in between: it is then not sent. Quiet hours move a
message to the end of the window instead (it was wanted, just not at night).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from models.core.quiet_hours import next_allowed
from models.outbox.delivery import cancel, release
from models.outbox.message import OutboundMessage
from models.staff.organisation import Organisation
from models.young_people.young_person import YoungPerson


def why_not_message(person: YoungPerson, now: datetime) -> str | None:
    """The reason Kith must not write to `person` unasked now, or None when it may."""
    if person.messages_stopped_at is not None:
        return "young person used /stop"
    if person.paused_until is not None and person.paused_until > now:
        return "young person paused messages"
    if person.unreachable_at is not None:
        return "young person unreachable (blocked the bot)"
    if person.telegram_chat_id is None:
        return "no Telegram chat linked"
    return None


def quiet_until(person: YoungPerson, organisation: Organisation, now: datetime) -> datetime:
    """`now` when outside the young person's quiet hours, else when they end."""
    return next_allowed(
        now,
        tz=person.timezone,
        start=person.quiet_start or organisation.quiet_start,
        end=person.quiet_end or organisation.quiet_end,
    )


async def ready_to_send(
    *, session: AsyncSession, now: datetime, messages: Sequence[OutboundMessage], worker: str
) -> list[OutboundMessage]:
    """The claimed messages that may go now; the rest are cancelled or moved past quiet hours."""
    ready: list[OutboundMessage] = []
    for message in messages:
        if message.young_person_id is None:
            ready.append(message)
            continue
        person = await session.get(YoungPerson, message.young_person_id)
        why = why_not_message(person, now) if person is not None else "young person removed"
        if why is not None or person is None:
            await cancel(session=session, message=message, worker=worker, why=why or "")
            continue
        if message.respects_quiet_hours:
            organisation = await session.get_one(Organisation, person.organisation_id)
            allowed = quiet_until(person, organisation, now)
            if allowed > now:
                await release(
                    session=session,
                    message=message,
                    worker=worker,
                    due_at=allowed,
                    note="held for quiet hours",
                )
                continue
        ready.append(message)
    return ready
