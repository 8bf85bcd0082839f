"""Putting a message in the outbox, in the caller's transaction, so it is never lost or doubled."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models.outbox.message import OutboundMessage


async def enqueue_message(
    *,
    session: AsyncSession,
    organisation_id: int,
    chat_id: int,
    kind: str,
    body: str,
    now: datetime,
    due_at: datetime | None = None,
    young_person_id: int | None = None,
    user_id: int | None = None,
    reply_markup: dict[str, Any] | None = None,
    dedupe_key: str | None = None,
    respects_quiet_hours: bool = True,
) -> OutboundMessage:
    """Add one outbound message; with a dedupe_key, the same cause yields the same row."""
    if dedupe_key is not None:
        existing = await session.scalar(
            select(OutboundMessage).where(OutboundMessage.dedupe_key == dedupe_key)
        )
        if existing is not None:
            return existing
    message = OutboundMessage(
        organisation_id=organisation_id,
        chat_id=chat_id,
        young_person_id=young_person_id,
        user_id=user_id,
        kind=kind,
        body=body,
        reply_markup=json.dumps(reply_markup) if reply_markup is not None else None,
        dedupe_key=dedupe_key,
        due_at=due_at or now,
        created_at=now,
        respects_quiet_hours=respects_quiet_hours,
    )
    session.add(message)
    await session.flush()
    return message
