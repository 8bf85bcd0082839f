"""What runs before any conversation: private chats only, safety first, blocks, and bad input.

Order matters (lower groups run first): a group chat is left before anything else; a message
suggesting danger gets the helplines before anything else is done with it (the danger check
itself is bot/handlers/danger.py, at group -25).
"""

from __future__ import annotations

import contextlib

from telegram import ChatMember, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import (
    ApplicationHandlerStop,
    ChatMemberHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.chat import Ctx, aside, database, forget, language, now, young_person_of
from bot.handlers.languages import suggest_language
from models.core.working_hours import next_reading
from models.referrals.joining import organisation_of_chat
from models.young_people.controls import mark_reachable, mark_unreachable
from texts import chat as texts
from texts.when import moment_text

CONVERSATION_GROUP = 0
DRAFTS = ("join", "person", "change", "reminder", "checkin", "tell")
MAX_TEXT = 1000
GONE = (ChatMember.LEFT, ChatMember.BANNED)


def active_conversations(update: Update, context: Ctx) -> list[ConversationHandler]:  # type: ignore[type-arg]
    """The conversations this chat is in the middle of.

    PTB has no public "which conversation is this chat in" query; the key and the state map
    are read here, in one place, so a PTB upgrade has one thing to check.
    """
    found = []
    for handler in context.application.handlers.get(CONVERSATION_GROUP, []):
        if isinstance(handler, ConversationHandler):
            try:
                key = handler._get_key(update)
            except RuntimeError:
                continue
            if handler._conversations.get(key) is not None:
                found.append(handler)
    return found


def end_conversations(update: Update, context: Ctx) -> None:
    """A new command starts afresh: any half-way conversation ends, its draft unsaved."""
    for handler in active_conversations(update, context):
        handler._update_state(ConversationHandler.END, handler._get_key(update))
    forget(context, *DRAFTS)


async def private_only(update: Update, context: Ctx) -> None:
    """Rule 3: in a group or channel, say so once and leave."""
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        return
    member = update.my_chat_member
    if member is None or member.new_chat_member.status not in GONE:
        with contextlib.suppress(TelegramError):
            await aside(update, context, texts.PRIVATE_ONLY)
        with contextlib.suppress(TelegramError):
            await context.bot.leave_chat(chat.id)
    raise ApplicationHandlerStop


async def membership(update: Update, context: Ctx) -> None:
    """Blocked: unreachable, and the coordinator is told. Unblocked: reachable again."""
    member = update.my_chat_member
    assert member is not None
    blocked = member.new_chat_member.status in GONE
    async with database(context) as session, session.begin():
        young_person = await young_person_of(session, update)
        if young_person is not None:
            if blocked:
                await mark_unreachable(session=session, now=now(context), young_person=young_person)
            else:
                mark_reachable(young_person=young_person)
    raise ApplicationHandlerStop


async def out_of_hours(update: Update, context: Ctx) -> None:
    """Outside working hours, say when a person will read it (once per quiet stretch)."""
    if update.effective_message is None or context.chat_data is None:
        return
    assert update.effective_chat is not None
    async with database(context) as session:
        organisation = await organisation_of_chat(session=session, chat_id=update.effective_chat.id)
    if organisation is None:
        return
    reading = next_reading(now(context), organisation)
    if reading is None or context.chat_data.get("told_out_of_hours") == reading.isoformat():
        return
    context.chat_data["told_out_of_hours"] = reading.isoformat()
    when = moment_text(reading, language=language(context), tz=organisation.timezone)
    await aside(update, context, texts.OUT_OF_HOURS, when=when)


async def edited(update: Update, context: Ctx) -> None:
    """An edit was read for danger (bot/handlers/danger.py); otherwise the original stands."""
    await aside(update, context, texts.EDITED)
    raise ApplicationHandlerStop


async def location(update: Update, context: Ctx) -> None:
    """Rule 7: a location is never stored; it is not even looked at."""
    await aside(update, context, texts.NO_LOCATIONS)
    raise ApplicationHandlerStop


async def contact(update: Update, context: Ctx) -> None:
    """A shared phone contact is not kept either."""
    await aside(update, context, texts.NO_CONTACTS)
    raise ApplicationHandlerStop


async def interrupt(update: Update, context: Ctx) -> None:
    """Any command but /cancel leaves a half-way conversation, so the command works at once."""
    message = update.effective_message
    if message is not None and not (message.text or "").startswith("/cancel"):
        end_conversations(update, context)


def guard_handlers() -> list[tuple[int, object]]:
    """(group, handler) pairs; all run before the conversations in group 0."""
    places = filters.LOCATION | filters.VENUE
    return [
        (-30, TypeHandler(Update, private_only)),
        (-29, TypeHandler(Update, suggest_language)),
        (-24, MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT, out_of_hours)),
        (-20, ChatMemberHandler(membership, ChatMemberHandler.MY_CHAT_MEMBER)),
        (-10, MessageHandler(filters.UpdateType.EDITED, edited)),
        (-10, MessageHandler(places, location)),
        (-10, MessageHandler(filters.CONTACT, contact)),
        (-5, MessageHandler(filters.COMMAND, interrupt)),
    ]
