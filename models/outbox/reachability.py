"""Whether Kith may write to a young person now, unasked: the last check before anything leaves.

A message is built when its cause happens and sent later, so in between the young person
may have said /stop or /pause, blocked the bot, or withdrawn their consent to messages: it
is then not sent. A pause holds back everything but what they asked for themselves (their
own reminders, and birthday reminders they turned on), as /pause promises. Quiet hours move
a message to the end of the window instead (it was wanted, just not at night).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models.core.enums import ConsentKind
from models.core.quiet_hours import next_allowed
from models.outbox.delivery import cancel, release
from models.outbox.message import OutboundMessage
from models.staff.organisation import Organisation
from models.young_people.consent import Consent
from models.young_people.young_person import YoungPerson

# Message kinds the young person asked for: a pause does not hold them back.
ASKED_FOR = frozenset({"reminder_own", "reminder_birthday"})
NO_CHAT = "no Telegram chat linked"
CONSENT_WITHDRAWN = "consent to messages withdrawn"


async def consent_withdrawn(*, session: AsyncSession, young_person_id: int) -> bool:
    """Whether someone who consented to bot messages (the young person, or whoever holds
    parental responsibility) has withdrawn it and not given it again.

    A chat is linked only by joining, which records the young person's consent; so a young
    person with no record at all is one linked before consents were kept, not a refusal.
    """
    rows = await session.execute(
        select(Consent.given_by, Consent.withdrawn_at).where(
            Consent.young_person_id == young_person_id, Consent.kind == ConsentKind.bot_messages
        )
    )
    live: dict[object, bool] = {}
    for given_by, withdrawn_at in rows.all():
        live[given_by] = live.get(given_by, False) or withdrawn_at is None
    return not all(live.values())


async def why_not_message(
    *, session: AsyncSession, person: YoungPerson, now: datetime, kind: str
) -> str | None:
    """The reason Kith must not send `person` a message of `kind` unasked now, or None."""
    if person.messages_stopped_at is not None:
        return "young person used /stop"
    if person.paused_until is not None and person.paused_until > now and kind not in ASKED_FOR:
        return "young person paused messages"
    if person.unreachable_at is not None:
        return "young person unreachable (blocked the bot)"
    if person.telegram_chat_id is None:
        return NO_CHAT
    if await consent_withdrawn(session=session, young_person_id=person.id):
        return CONSENT_WITHDRAWN
    return None


def quiet_until(person: YoungPerson, organisation: Organisation, now: datetime) -> datetime:
    """`now` when outside the young person's quiet hours, else when they end. Their own
    hours if they set them, else their council's: the one place that says so."""
    return next_allowed(
        now,
        tz=person.timezone,
        start=person.quiet_start or organisation.quiet_start,
        end=person.quiet_end or organisation.quiet_end,
    )


async def why_held(
    *, session: AsyncSession, now: datetime, message: OutboundMessage, worker: str
) -> str | None:
    """None when the message may go now; else the label of what was done with it instead
    (cancelled, or moved past the young person's quiet hours)."""
    if message.young_person_id is None:
        return None
    person = await session.get(YoungPerson, message.young_person_id)
    why = (
        await why_not_message(session=session, person=person, now=now, kind=message.kind)
        if person is not None
        else "young person removed"
    )
    if why is not None or person is None:
        await cancel(session=session, message=message, worker=worker, why=why or "")
        return "cancelled"
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
            return "held_for_quiet_hours"
    return None


async def ready_to_send(
    *, session: AsyncSession, now: datetime, messages: Sequence[OutboundMessage], worker: str
) -> list[OutboundMessage]:
    """The claimed messages that may go now; the rest are cancelled or moved past quiet hours."""
    return [
        message
        for message in messages
        if await why_held(session=session, now=now, message=message, worker=worker) is None
    ]
