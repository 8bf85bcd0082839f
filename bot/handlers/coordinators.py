"""Coordinators on Telegram: nudges arrive with an Acknowledge button; nothing else is shown.

A coordinator's chat is known by `User.telegram_chat_id` (linked with a one-time code from the
API); they never see a young person's menus.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.chat import Ctx, database, now, say, tapped
from models.core.scoping import NotFoundError, get_in_org
from models.nudges.nudge import Nudge
from models.nudges.raising import acknowledge_nudge
from models.referrals.joining import is_staff_chat, who_is_chat
from models.staff.user import User
from texts import chat as texts


async def acknowledge(update: Update, context: Ctx) -> None:
    """Acknowledge a nudge from its button (only the coordinator's own organisation)."""
    assert update.effective_chat is not None
    nudge_id = int((await tapped(update)).rsplit(":", 1)[1])
    async with database(context) as session, session.begin():
        user = await who_is_chat(session=session, chat_id=update.effective_chat.id)
        if not isinstance(user, User):
            await say(update, context, texts.OLD_BUTTON)
            return
        try:
            nudge = await get_in_org(session, Nudge, nudge_id, user.organisation_id)
        except NotFoundError:
            await say(update, context, texts.NUDGE_GONE)
            return
        acknowledge_nudge(nudge=nudge, by_user_id=user.id, now=now(context))
    await say(update, context, texts.NUDGE_ACKNOWLEDGED)


async def coordinator_guard(update: Update, context: Ctx) -> None:
    """A coordinator's chat gets nudge buttons and /start only; never young people's menus."""
    chat = update.effective_chat
    if chat is None or update.my_chat_member is not None:
        return
    async with database(context) as session:
        if not await is_staff_chat(session=session, chat_id=chat.id):
            return
    query = update.callback_query
    if query is not None and (query.data or "").startswith("nudge:ack:"):
        await acknowledge(update, context)
    else:
        if query is not None:
            await query.answer()
        await say(update, context, texts.COORDINATOR_CHAT)
    raise ApplicationHandlerStop


def coordinator_handlers() -> list[object]:
    return [TypeHandler(Update, coordinator_guard)]
