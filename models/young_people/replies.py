"""A coordinator's short message to a young person's chat, sent through the outbox.

Written unasked, so everything that protects the young person applies: nothing after /stop,
nothing while they paused messages or blocked the bot, and quiet hours hold it until morning
(the outbox's last check before sending says the same, in case they /stop meanwhile). A
"Reply" button under it opens /tell, so their answer reaches the coordinator as a nudge.
The message stays on the record's timeline.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.core.base import Base, OrgScoped
from models.core.db import add_now
from models.core.types import BigId, EncryptedText, UTCDateTime
from models.outbox.reachability import CONSENT_WITHDRAWN, why_not_message
from models.outbox.sending import enqueue_message
from models.staff.user import User
from models.young_people.young_person import YoungPerson, about_young_person
from texts.catalog import t
from texts.workspace import REPLY, REPLY_REFUSALS

MAX_REPLY = 1000  # well inside Telegram's 4096, and short enough to read on a phone
FROM_COORDINATOR = REPLY["from_coordinator"]
REPLY_BUTTON = REPLY["button"]
# The bot's /tell menu entry: its "Reply" button opens the same conversation.
TELL_CALLBACK = "menu:tell"
REFUSALS = REPLY_REFUSALS
REPLY_KIND = "coordinator_reply"


class ReplyRefusedError(ValueError):
    """Why the message cannot go; `reason` keys REFUSALS."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class CoordinatorReply(OrgScoped, Base):
    __tablename__ = "coordinator_reply"
    __table_args__ = (Index(None, "young_person_id", "at"),)

    young_person_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("young_person.id", ondelete="CASCADE"), nullable=False
    )
    by_user_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True
    )
    by_name: Mapped[str] = mapped_column(String(200), nullable=False)
    text: Mapped[str] = mapped_column(EncryptedText, nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    outbound_message_id: Mapped[int | None] = mapped_column(BigId, nullable=True)


async def _refusal(session: AsyncSession, person: YoungPerson, now: datetime) -> str | None:
    why = await why_not_message(session=session, person=person, now=now, kind=REPLY_KIND)
    if why is None:
        return None
    if person.messages_stopped_at is not None:
        return "stopped"
    if person.paused_until is not None and person.paused_until > now:
        return "paused"
    if person.unreachable_at is not None:
        return "unreachable"
    if why == CONSENT_WITHDRAWN:
        return "no_consent"
    return "not_linked"


def first_name_of(user: User) -> str:
    """How a young person knows their coordinator: the first word of the account's name."""
    return (user.display_name.split() or ["your coordinator"])[0]


async def send_reply(
    *, session: AsyncSession, now: datetime, young_person: YoungPerson, by: User, text: str
) -> CoordinatorReply:
    cleaned = text.strip()
    if not cleaned:
        raise ReplyRefusedError("empty")
    if len(cleaned) > MAX_REPLY:
        raise ReplyRefusedError("too_long")
    refusal = await _refusal(session, young_person, now)
    if refusal is not None:
        raise ReplyRefusedError(refusal)
    assert young_person.telegram_chat_id is not None  # _refusal said not_linked otherwise
    language = young_person.language
    reply = CoordinatorReply(
        **about_young_person(young_person),
        by_user_id=by.id,
        by_name=by.display_name,
        text=cleaned,
        at=now,
    )
    await add_now(session, reply)
    message = await enqueue_message(
        session=session,
        organisation_id=young_person.organisation_id,
        chat_id=young_person.telegram_chat_id,
        young_person_id=young_person.id,
        kind=REPLY_KIND,
        body=t(language, FROM_COORDINATOR, name=first_name_of(by)) + "\n\n" + cleaned,
        reply_markup={
            "inline_keyboard": [
                [{"text": t(language, REPLY_BUTTON), "callback_data": TELL_CALLBACK}]
            ]
        },
        now=now,
        dedupe_key=f"reply:{reply.id}",
        respects_quiet_hours=True,
    )
    reply.outbound_message_id = message.id
    return reply


async def replies_to(*, session: AsyncSession, young_person_id: int) -> list[CoordinatorReply]:
    rows = await session.scalars(
        select(CoordinatorReply)
        .where(CoordinatorReply.young_person_id == young_person_id)
        .order_by(CoordinatorReply.at.desc())
    )
    return list(rows)
