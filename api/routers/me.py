"""The signed-in account: who am I, and a one-time link so nudges reach my Telegram."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Audit, Caseworker, ContextDep, CurrentUser, Now, SessionDep
from api.schemas.admin import UserRead
from api.schemas.auth import TelegramLinkRead
from api.views import user_read
from models.core.enums import InviteKind
from models.referrals.deep_links import COORDINATOR_LINK_TTL, deep_link
from models.referrals.invites import create_invite

router = APIRouter(prefix="/me", tags=["me"])


@router.get("", summary="Who am I", response_model=UserRead)
async def me(user: CurrentUser) -> UserRead:
    return user_read(user)


@router.post(
    "/telegram-link",
    summary="A one-time link so nudges reach my Telegram",
    response_model=TelegramLinkRead,
    status_code=201,
)
async def telegram_link(
    session: SessionDep, user: Caseworker, now: Now, context: ContextDep, audit: Audit
) -> TelegramLinkRead:
    """Open the link on your phone within the hour; the bot then sends your nudges there."""
    invite, code = await create_invite(
        session=session,
        now=now,
        organisation_id=user.organisation_id,
        kind=InviteKind.coordinator,
        user_id=user.id,
        created_by=user.id,
        lifetime=COORDINATOR_LINK_TTL,
    )
    audit("create", "invite_code", invite.id)
    await session.commit()
    return TelegramLinkRead(
        link=deep_link(context.bot_username, code), expires_at=invite.expires_at
    )
