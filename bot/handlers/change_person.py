"""Changing someone in my people: their name, how close they are, or their birthday."""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.chat import (
    Ctx,
    database,
    draft,
    forget,
    joined_young_person,
    keyboard,
    now,
    say,
    tapped,
)
from bot.handlers.people import CLOSENESS_BUTTONS, parse_birthday
from models.core.enums import Closeness
from models.core.scoping import NotFoundError
from models.network.people import PersonNameError, change_person, clean_name, visible_person
from models.reminders.birthdays import sync_birthday_reminders
from texts import chat as texts

C_WHAT, C_NAME, C_CLOSENESS, C_BIRTHDAY = range(50, 54)
END = ConversationHandler.END
DRAFT = "change"


async def choose(update: Update, context: Ctx) -> int:
    """Which person; then what to change."""
    connection_id = int((await tapped(update)).rsplit(":", 1)[1])
    async with database(context) as session:
        young_person = await joined_young_person(session, update, context)
        if young_person is None:
            return END
        try:
            person = await visible_person(
                session=session, young_person=young_person, connection_id=connection_id
            )
        except NotFoundError:
            await say(update, context, texts.PERSON_GONE)
            return END
    forget(context, DRAFT)
    draft(context, DRAFT).update({"id": person.id, "name": person.name})
    markup = keyboard(
        context,
        [
            [(texts.BTN_NAME, "pc:name"), (texts.BTN_CLOSENESS, "pc:close")],
            [(texts.BTN_BIRTHDAY, "pc:bday")],
        ],
    )
    await say(update, context, texts.ASK_WHAT_TO_CHANGE, markup, name=person.name)
    return C_WHAT


async def what(update: Update, context: Ctx) -> int:
    """Ask for the new name, closeness or birthday."""
    field = (await tapped(update)).split(":")[1]
    name = draft(context, DRAFT).get("name", "")
    if field == "name":
        await say(update, context, texts.ASK_PERSON_NAME)
        return C_NAME
    if field == "close":
        await say(
            update, context, texts.ASK_CLOSENESS, keyboard(context, CLOSENESS_BUTTONS), name=name
        )
        return C_CLOSENESS
    await say(
        update,
        context,
        texts.ASK_BIRTHDAY,
        keyboard(context, [[(texts.BTN_SKIP, "pc:skip")]]),
        name=name,
    )
    return C_BIRTHDAY


async def _save(update: Update, context: Ctx, **change: object) -> int:
    connection_id = int(str(draft(context, DRAFT)["id"]))
    forget(context, DRAFT)
    async with database(context) as session, session.begin():
        young_person = await joined_young_person(session, update, context)
        if young_person is None:
            return END
        try:
            person = await change_person(
                session=session,
                now=now(context),
                young_person=young_person,
                connection_id=connection_id,
                **change,  # type: ignore[arg-type]
            )
        except NotFoundError:
            await say(update, context, texts.PERSON_GONE)
            return END
        if "birthday" in change:
            await sync_birthday_reminders(
                session=session, now=now(context), young_person=young_person
            )
        name = person.name
    await say(update, context, texts.PERSON_CHANGED, name=name)
    return END


async def new_name(update: Update, context: Ctx) -> int:
    """The new name or nickname."""
    assert update.effective_message is not None
    try:
        name = clean_name(update.effective_message.text or "")
    except PersonNameError:
        await say(update, context, texts.BAD_NAME)
        return C_NAME
    return await _save(update, context, name=name)


async def new_closeness(update: Update, context: Ctx) -> int:
    """Very close, close or a bit close."""
    return await _save(
        update, context, closeness=Closeness((await tapped(update)).rsplit(":", 1)[1])
    )


async def new_birthday(update: Update, context: Ctx) -> int:
    """The birthday, like 25/12."""
    assert update.effective_message is not None
    day = parse_birthday(update.effective_message.text or "")
    if day is None:
        await say(
            update, context, texts.BAD_BIRTHDAY, keyboard(context, [[(texts.BTN_SKIP, "pc:skip")]])
        )
        return C_BIRTHDAY
    return await _save(update, context, birthday=day)


async def keep(update: Update, context: Ctx) -> int:
    """Skip: nothing changes."""
    await tapped(update)
    forget(context, DRAFT)
    await say(update, context, texts.NOTHING_CHANGED)
    return END


async def cancel(update: Update, context: Ctx) -> int:
    """Nothing changes."""
    forget(context, DRAFT)
    await say(update, context, texts.CANCELLED)
    return END


def change_person_conversation() -> ConversationHandler:  # type: ignore[type-arg]
    typed = filters.TEXT & ~filters.COMMAND
    return ConversationHandler(
        entry_points=[CallbackQueryHandler(choose, pattern=r"^pp:chg:\d+$")],
        states={
            C_WHAT: [CallbackQueryHandler(what, pattern=r"^pc:(name|close|bday)$")],
            C_NAME: [MessageHandler(typed, new_name)],
            C_CLOSENESS: [
                CallbackQueryHandler(new_closeness, pattern=r"^pp:close:(inner|middle|outer)$")
            ],
            C_BIRTHDAY: [
                MessageHandler(typed, new_birthday),
                CallbackQueryHandler(keep, pattern=r"^pc:skip$"),
            ],
        },
        fallbacks=[CommandHandler("cancel", cancel)],
        name="change_person",
        persistent=True,
    )
