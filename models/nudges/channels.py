"""How each staff member wants their nudges: on Telegram, by email, or both.

Telegram stays the default (as before there was a choice). Email goes to the account's own
address and never carries a young person's words (models.email): a link to the workspace.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.core.base import Base, str_enum
from models.core.types import BigId, UTCDateTime
from models.staff.user import User


class NudgeChannel(StrEnum):
    telegram = "telegram"
    email = "email"
    both = "both"


DEFAULT_CHANNEL = NudgeChannel.telegram


class NudgePreference(Base):
    __tablename__ = "nudge_preference"

    user_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    channel: Mapped[NudgeChannel] = mapped_column(
        str_enum(NudgeChannel, "nudge_channel"), nullable=False
    )
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


def by_telegram(channel: NudgeChannel) -> bool:
    return channel in (NudgeChannel.telegram, NudgeChannel.both)


def by_email(channel: NudgeChannel) -> bool:
    return channel in (NudgeChannel.email, NudgeChannel.both)


async def channel_of(*, session: AsyncSession, user_id: int) -> NudgeChannel:
    found = await session.get(NudgePreference, user_id)
    return found.channel if found is not None else DEFAULT_CHANNEL


async def channels_of(*, session: AsyncSession, users: Iterable[User]) -> dict[int, NudgeChannel]:
    ids = [u.id for u in users]
    chosen: dict[int, NudgeChannel] = dict.fromkeys(ids, DEFAULT_CHANNEL)
    if ids:
        rows = await session.execute(
            select(NudgePreference.user_id, NudgePreference.channel).where(
                NudgePreference.user_id.in_(ids)
            )
        )
        chosen.update({user_id: channel for user_id, channel in rows})
    return chosen


async def choose_channel(
    *, session: AsyncSession, now: datetime, user: User, channel: NudgeChannel
) -> None:
    found = await session.get(NudgePreference, user.id)
    if found is None:
        session.add(NudgePreference(user_id=user.id, channel=channel, changed_at=now))
    else:
        found.channel = channel
        found.changed_at = now
    await session.flush()
