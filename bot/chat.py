"""What every step needs: this chat's language, saying a catalog text, buttons, the database."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.context import kith_of
from models.referrals.joining import who_is_chat
from models.young_people.young_person import YoungPerson
from texts import chat as texts
from texts.catalog import DEFAULT_LANGUAGE, t

Ctx = ContextTypes.DEFAULT_TYPE
# One button: (catalog message id, callback data, placeholder values).
Button = tuple[str, str] | tuple[str, str, Mapping[str, object]]
STEP = "step"


def language(context: Ctx) -> str:
    data = context.chat_data
    return str(data.get("lang", DEFAULT_LANGUAGE)) if data is not None else DEFAULT_LANGUAGE


def text(context: Ctx, message: str, **values: object) -> str:
    return t(language(context), message, **values)


def now(context: Ctx) -> datetime:
    return kith_of(context).clock.now()


def database(context: Ctx) -> AsyncSession:
    """A new session; use as `async with database(context) as session, session.begin():`."""
    return kith_of(context).sessionmaker()


def keyboard(context: Ctx, rows: Sequence[Sequence[Button]]) -> InlineKeyboardMarkup:
    """Inline buttons whose labels come from the catalog; callback data stays under 64 bytes."""
    built = []
    for row in rows:
        line = []
        for button in row:
            message, data = button[0], button[1]
            values = button[2] if len(button) == 3 else {}
            assert len(data.encode()) <= 64, data
            line.append(InlineKeyboardButton(text(context, message, **values), callback_data=data))
        built.append(line)
    return InlineKeyboardMarkup(built)


async def say(
    update: Update,
    context: Ctx,
    message: str | Sequence[str],
    markup: InlineKeyboardMarkup | None = None,
    **values: object,
) -> Message | None:
    """Reply in this chat with catalog texts (plain text: no parse mode, nothing to escape).

    Several texts go as paragraphs of one message: Telegram allows about one message a
    second in a chat, so a burst would make the young person wait. What a step says is kept
    as the chat's current step, to be shown again after an aside.
    """
    return await _send(update, context, message, markup, values, step=True)


async def aside(
    update: Update,
    context: Ctx,
    message: str | Sequence[str],
    markup: InlineKeyboardMarkup | None = None,
    **values: object,
) -> Message | None:
    """Like `say`, for a guard's or fallback's reply (the helplines, "Shall I send this to your
    worker?"): it is not the step, so the step can be shown again after it."""
    return await _send(update, context, message, markup, values, step=False)


async def _send(
    update: Update,
    context: Ctx,
    message: str | Sequence[str],
    markup: InlineKeyboardMarkup | None,
    values: Mapping[str, object],
    *,
    step: bool,
) -> Message | None:
    chat = update.effective_chat
    if chat is None:
        return None
    parts = [message] if isinstance(message, str) else list(message)
    body = "\n\n".join(text(context, part, **values) for part in parts)
    if step and context.chat_data is not None:
        context.chat_data[STEP] = {"body": body, "markup": markup.to_dict() if markup else None}
    return await context.bot.send_message(chat.id, body, reply_markup=markup)


def current_step(context: Ctx) -> tuple[str, InlineKeyboardMarkup | None] | None:
    """The last thing a step said (its words and buttons), to say again; None if none."""
    found = context.chat_data.get(STEP) if context.chat_data is not None else None
    if not isinstance(found, dict) or not isinstance(found.get("body"), str):
        return None
    markup = found.get("markup")
    buttons = InlineKeyboardMarkup.de_json(markup, None) if isinstance(markup, dict) else None
    return found["body"], buttons


async def tapped(update: Update) -> str:
    """Acknowledge a button tap (stops the spinner) and say which button it was.

    Old buttons are left in place rather than edited away: an edit costs a message in
    Telegram's per-chat limit, and a tap on an old button gets a kind reply anyway.
    """
    query = update.callback_query
    assert query is not None
    # Telegram refuses an answer after about 15 s ("query is too old"), e.g. when the bot was
    # busy or down: the spinner has stopped by itself, and the tap still counts.
    with contextlib.suppress(TelegramError):
        await query.answer()
    return query.data or ""


async def young_person_of(session: AsyncSession, update: Update) -> YoungPerson | None:
    """The young person this private chat belongs to, if it is linked."""
    chat = update.effective_chat
    if chat is None:
        return None
    found = await who_is_chat(session=session, chat_id=chat.id)
    return found if isinstance(found, YoungPerson) else None


async def joined_young_person(
    session: AsyncSession, update: Update, context: Ctx
) -> YoungPerson | None:
    """The young person this chat belongs to; a chat that has not joined is asked to /start."""
    found = await young_person_of(session, update)
    if found is None:
        await say(update, context, texts.NOT_JOINED)
    return found


def draft(context: Ctx, name: str) -> dict[str, object]:
    """Answers so far in one conversation, kept in chat_data until the last step saves them."""
    data = context.chat_data
    assert data is not None
    found = data.setdefault(name, {})
    assert isinstance(found, dict)
    return found


def forget(context: Ctx, *names: str) -> None:
    if context.chat_data is not None:
        for name in names:
            context.chat_data.pop(name, None)
