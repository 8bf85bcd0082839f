"""My people, the list: everyone they may see (rule 1), with change and remove buttons."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.chat import (
    Button,
    Ctx,
    database,
    joined_young_person,
    keyboard,
    now,
    say,
    tapped,
    text,
)
from bot.handlers.people import RELATIONSHIP_TEXTS
from models.core.scoping import NotFoundError
from models.network.people import remove_person, visible_people, visible_person
from models.reminders.birthdays import sync_birthday_reminders
from texts import chat as texts

LIST_LIMIT = 20


async def show_people(update: Update, context: Ctx) -> None:
    """The list, with a change and a remove button for each person."""
    if update.callback_query is not None:
        await tapped(update)
    async with database(context) as session:
        young_person = await joined_young_person(session, update, context)
        if young_person is None:
            return
        people = await visible_people(session=session, young_person=young_person)
    add: list[list[Button]] = [[(texts.BTN_ADD_PERSON, "pp:add")]]
    if not people:
        await say(update, context, texts.NO_PEOPLE_YET, keyboard(context, add))
        return
    lines = [text(context, texts.PEOPLE_LIST)]
    rows: list[list[Button]] = []
    for person in people[:LIST_LIMIT]:
        label = RELATIONSHIP_TEXTS.get(person.relationship_label, texts.REL_SOMEONE_ELSE)
        lines.append(
            text(context, texts.PERSON_LINE, name=person.name, relationship=text(context, label))
        )
        short = {"name": person.name[:20]}
        rows.append(
            [
                (texts.BTN_CHANGE, f"pp:chg:{person.id}", short),
                (texts.BTN_REMOVE, f"pp:rm:{person.id}", short),
            ]
        )
    rows += [*add, [(texts.BTN_MY_CIRCLE, "menu:circle")]]
    await say(update, context, texts.DATA_LABEL, keyboard(context, rows), label="\n".join(lines))


async def ask_remove(update: Update, context: Ctx) -> None:
    """Check before taking someone out of their circle."""
    connection_id = int((await tapped(update)).rsplit(":", 1)[1])
    async with database(context) as session:
        young_person = await joined_young_person(session, update, context)
        if young_person is None:
            return
        try:
            person = await visible_person(
                session=session, young_person=young_person, connection_id=connection_id
            )
        except NotFoundError:
            await say(update, context, texts.PERSON_GONE)
            return
    markup = keyboard(
        context,
        [
            [
                (texts.BTN_YES_REMOVE, f"pp:rmyes:{person.id}"),
                (texts.BTN_NO_KEEP, f"pp:rmno:{person.id}"),
            ]
        ],
    )
    await say(update, context, texts.ASK_REMOVE, markup, name=person.name)


async def remove(update: Update, context: Ctx) -> None:
    """Yes: out of the circle (status ended). No: kept."""
    action, raw_id = (await tapped(update)).split(":")[1:]
    async with database(context) as session, session.begin():
        young_person = await joined_young_person(session, update, context)
        if young_person is None:
            return
        try:
            if action == "rmno":
                person = await visible_person(
                    session=session, young_person=young_person, connection_id=int(raw_id)
                )
                await say(update, context, texts.PERSON_KEPT, name=person.name)
                return
            person = await remove_person(
                session=session,
                now=now(context),
                young_person=young_person,
                connection_id=int(raw_id),
            )
            await sync_birthday_reminders(
                session=session, now=now(context), young_person=young_person
            )
        except NotFoundError:
            await say(update, context, texts.PERSON_GONE)
            return
    await say(update, context, texts.PERSON_REMOVED, name=person.name)


def people_handlers() -> list[object]:
    """The list and removal: plain handlers, outside any conversation."""
    return [
        CommandHandler("mypeople", show_people),
        CallbackQueryHandler(show_people, pattern=r"^menu:people$"),
        CallbackQueryHandler(ask_remove, pattern=r"^pp:rm:\d+$"),
        CallbackQueryHandler(remove, pattern=r"^pp:(rmyes|rmno):\d+$"),
    ]
