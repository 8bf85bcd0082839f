"""/reminders: the young person's own reminders, each with a cancel button, a new one, and
birthday reminders on (3 days before, and on the day) or off."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.chat import (
    Button,
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
from models.core.scoping import NotFoundError
from models.reminders.birthdays import set_birthday_reminders
from models.reminders.own import cancel_reminder, own_reminders
from texts import chat as texts
from texts.when import moment_text


async def show_reminders(update: Update, context: Ctx) -> None:
    """Their reminders, each with a cancel button; new reminder; birthdays on or off."""
    if update.callback_query is not None:
        await tapped(update)
    async with database(context) as session:
        young_person = await joined_young_person(session, update, context)
        if young_person is None:
            return
        reminders = await own_reminders(session=session, young_person=young_person)
        birthdays_on = young_person.birthday_reminders
        tz = young_person.timezone
    rows: list[list[Button]] = [
        [(texts.BTN_CANCEL_REMINDER, f"rm:x:{r.id}", {"what": r.what[:30]})] for r in reminders[:20]
    ]
    rows.append([(texts.BTN_NEW_REMINDER, "rm:new")])
    rows.append(
        [
            (texts.BTN_BIRTHDAYS_OFF, "rm:bday:off")
            if birthdays_on
            else (texts.BTN_BIRTHDAYS_ON, "rm:bday:on")
        ]
    )
    if not reminders:
        await say(update, context, texts.NO_REMINDERS, keyboard(context, rows))
        return
    lines = [text(context, texts.REMINDERS_LIST)]
    for reminder in reminders[:20]:
        assert reminder.next_at is not None
        when = moment_text(reminder.next_at, language=language(context), tz=tz)
        lines.append(text(context, texts.REMINDER_LINE, what=reminder.what, when=when))
    await say(update, context, texts.DATA_LABEL, keyboard(context, rows), label="\n".join(lines))


async def cancel_one(update: Update, context: Ctx) -> None:
    """Cancel one reminder from the list."""
    reminder_id = int((await tapped(update)).rsplit(":", 1)[1])
    async with database(context) as session, session.begin():
        young_person = await joined_young_person(session, update, context)
        if young_person is None:
            return
        try:
            await cancel_reminder(
                session=session, young_person=young_person, reminder_id=reminder_id
            )
        except NotFoundError:
            await say(update, context, texts.REMINDER_GONE)
            return
    await say(update, context, texts.REMINDER_CANCELLED)


async def birthdays(update: Update, context: Ctx) -> None:
    """Birthday reminders on (3 days ahead and on the day) or off."""
    on = (await tapped(update)).endswith(":on")
    async with database(context) as session, session.begin():
        young_person = await joined_young_person(session, update, context)
        if young_person is None:
            return
        await set_birthday_reminders(
            session=session, now=now(context), young_person=young_person, on=on
        )
    await say(update, context, texts.BIRTHDAYS_ON if on else texts.BIRTHDAYS_OFF)


def reminder_handlers() -> list[object]:
    return [
        CommandHandler("reminders", show_reminders),
        CallbackQueryHandler(show_reminders, pattern=r"^menu:reminders$"),
        CallbackQueryHandler(cancel_one, pattern=r"^rm:x:\d+$"),
        CallbackQueryHandler(birthdays, pattern=r"^rm:bday:(on|off)$"),
    ]
