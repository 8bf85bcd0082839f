"""The young person's controls: /help, /pause, /stop, /mydata, /delete.

/stop acts at once (no "are you sure?": stopping must be easy); /delete asks once, because
it cannot be undone.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.chat import (
    Ctx,
    database,
    joined_young_person,
    keyboard,
    language,
    now,
    say,
    tapped,
    text,
)
from models.core.enums import RightsKind
from models.young_people.controls import pause_checkins, stop_messages
from models.young_people.my_data import delete_bot_data, held_about, request_rights
from texts import chat as texts
from texts.when import moment_text


async def show_help(update: Update, context: Ctx) -> None:
    """A menu of buttons for everything."""
    if update.callback_query is not None:
        await tapped(update)
    async with database(context) as session:
        if await joined_young_person(session, update, context) is None:
            return
    markup = keyboard(
        context,
        [
            [(texts.BTN_MY_PEOPLE, "menu:people"), (texts.BTN_MY_CIRCLE, "menu:circle")],
            [(texts.BTN_REMINDERS, "menu:reminders"), (texts.BTN_TELL, "menu:tell")],
            [(texts.BTN_PAUSE, "menu:pause"), (texts.BTN_MY_DATA, "menu:mydata")],
            [(texts.BTN_LANGUAGE, "menu:language"), (texts.BTN_STOP, "menu:stop")],
        ],
    )
    await say(update, context, texts.HELP, markup)


async def done(update: Update, context: Ctx) -> None:
    """The end of a flow: a friendly pointer to the menu."""
    await tapped(update)
    await show_help(update, context)


async def ask_pause(update: Update, context: Ctx) -> None:
    """1, 2 or 4 weeks without check-ins (or not)."""
    if update.callback_query is not None:
        await tapped(update)
    markup = keyboard(
        context,
        [
            [
                (texts.BTN_ONE_WEEK, "pause:1"),
                (texts.BTN_TWO_WEEKS, "pause:2"),
                (texts.BTN_FOUR_WEEKS, "pause:4"),
            ],
            [(texts.BTN_DONT_PAUSE, "pause:0")],
        ],
    )
    await say(update, context, texts.ASK_PAUSE, markup)


async def pause(update: Update, context: Ctx) -> None:
    """Pause check-ins until a date they are told."""
    weeks = int((await tapped(update)).split(":")[1])
    if weeks == 0:
        await say(update, context, texts.NOTHING_CHANGED)
        return
    async with database(context) as session, session.begin():
        young_person = await joined_young_person(session, update, context)
        if young_person is None:
            return
        until = pause_checkins(now=now(context), young_person=young_person, weeks=weeks)
        tz = young_person.timezone
    await say(
        update, context, texts.PAUSED, when=moment_text(until, language=language(context), tz=tz)
    )


async def stop(update: Update, context: Ctx) -> None:
    """All messages stop at once; the coordinator is told; the case record stays."""
    if update.callback_query is not None:
        await tapped(update)
    async with database(context) as session, session.begin():
        young_person = await joined_young_person(session, update, context)
        if young_person is None:
            return
        await stop_messages(session=session, now=now(context), young_person=young_person)
    await say(update, context, texts.STOPPED)


async def my_data(update: Update, context: Ctx) -> None:
    """What is held, in plain words; logged as a rights request."""
    if update.callback_query is not None:
        await tapped(update)
    async with database(context) as session, session.begin():
        young_person = await joined_young_person(session, update, context)
        if young_person is None:
            return
        held = await held_about(session=session, young_person=young_person)
        await request_rights(
            session=session, now=now(context), young_person=young_person, kind=RightsKind.access
        )
    lines = [
        text(context, texts.MY_DATA_INTRO),
        text(context, texts.MY_DATA_NAME, name=held.preferred_name),
        text(context, texts.MY_DATA_COUNCIL, council=held.council),
    ]
    if held.coordinator:
        lines.append(text(context, texts.MY_DATA_WORKER, worker=held.coordinator))
    if held.age is not None:
        lines.append(text(context, texts.MY_DATA_AGE, age=held.age))
    lines += [
        text(context, texts.MY_DATA_PEOPLE, count=held.people),
        text(context, texts.MY_DATA_REMINDERS, count=held.reminders),
        text(context, texts.MY_DATA_CHECKINS, count=held.checkins_answered),
        text(context, texts.MY_DATA_TOLD, count=held.messages_to_coordinator),
    ]
    await say(update, context, [texts.DATA_LABEL, texts.MY_DATA_LOGGED], label="\n".join(lines))


async def ask_delete(update: Update, context: Ctx) -> None:
    """Say plainly what goes and what stays, and ask once."""
    markup = keyboard(
        context, [[(texts.BTN_YES_DELETE, "del:yes"), (texts.BTN_NO_KEEP_IT, "del:no")]]
    )
    await say(update, context, texts.ASK_DELETE, markup)


async def delete(update: Update, context: Ctx) -> None:
    """Remove what only the bot holds; log the request; explain what the record keeps."""
    if (await tapped(update)) != "del:yes":
        await say(update, context, texts.NOT_DELETED)
        return
    assert update.effective_chat is not None
    chat_id = update.effective_chat.id
    async with database(context) as session, session.begin():
        young_person = await joined_young_person(session, update, context)
        if young_person is None:
            return
        await request_rights(
            session=session, now=now(context), young_person=young_person, kind=RightsKind.deletion
        )
        await delete_bot_data(
            session=session, now=now(context), young_person=young_person, chat_id=chat_id
        )
    await say(update, context, texts.DELETED)
    # The chat's own memory goes too (the rows went with the deletion above).
    if context.chat_data is not None:
        context.chat_data.clear()
    context.application.drop_chat_data(chat_id)


def control_handlers() -> list[object]:
    return [
        CommandHandler("help", show_help),
        CallbackQueryHandler(done, pattern=r"^menu:done$"),
        CommandHandler("pause", ask_pause),
        CallbackQueryHandler(ask_pause, pattern=r"^menu:pause$"),
        CallbackQueryHandler(pause, pattern=r"^pause:[0124]$"),
        CommandHandler("stop", stop),
        CallbackQueryHandler(stop, pattern=r"^menu:stop$"),
        CommandHandler("mydata", my_data),
        CallbackQueryHandler(my_data, pattern=r"^menu:mydata$"),
        CommandHandler("delete", ask_delete),
        CallbackQueryHandler(delete, pattern=r"^del:(yes|no)$"),
    ]
