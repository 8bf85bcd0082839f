"""A reminder built with buttons: who, what, day, time, how often (the list: reminder_list.py).

"Remind me to message Nan on Sunday at 5pm": every answer is a tap except an own wording.
The reminder itself is sent later by the scheduler, through the outbox, outside quiet hours.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.chat import (
    Button,
    Ctx,
    database,
    draft,
    forget,
    joined_young_person,
    keyboard,
    language,
    now,
    say,
    tapped,
    text,
    young_person_of,
)
from models.core.enums import Repeat
from models.core.scoping import NotFoundError
from models.network.people import visible_people
from models.reminders.own import set_reminder
from models.reminders.reminder import ReminderError
from texts import chat as texts
from texts.when import day_text, moment_text, time_text

R_WHO, R_WHAT, R_OWN_WORDS, R_DAY, R_TIME, R_REPEAT = range(20, 26)
END = ConversationHandler.END
DRAFT = "reminder"
# Daytime hours only: a reminder is an unasked message, and quiet hours are 21:00-08:00.
HOURS = (8, 10, 12, 15, 17, 19, 20)
WHAT = {
    "message": texts.WHAT_MESSAGE,
    "call": texts.WHAT_CALL,
    "visit": texts.WHAT_VISIT,
    "card": texts.WHAT_CARD,
}
REPEATS = {"once": Repeat.once, "weekly": Repeat.weekly, "monthly": Repeat.monthly}


async def new_reminder(update: Update, context: Ctx) -> int:
    """Who is it about? Their people, or just them."""
    await tapped(update)
    async with database(context) as session:
        young_person = await joined_young_person(session, update, context)
        if young_person is None:
            return END
        people = await visible_people(session=session, young_person=young_person)
    forget(context, DRAFT)
    draft(context, DRAFT)
    rows: list[list[Button]] = [
        [(texts.DATA_LABEL, f"rm:who:{p.id}", {"label": p.name[:30]})] for p in people[:15]
    ]
    rows.append([(texts.BTN_JUST_ME, "rm:who:me")])
    await say(update, context, texts.ASK_REMINDER_WHO, keyboard(context, rows))
    return R_WHO


async def who(update: Update, context: Ctx) -> int:
    """The person; then what to do."""
    chosen = (await tapped(update)).rsplit(":", 1)[1]
    answers = draft(context, DRAFT)
    name = ""
    if chosen != "me":
        async with database(context) as session:
            young_person = await young_person_of(session, update)
            people = (
                await visible_people(session=session, young_person=young_person)
                if young_person
                else []
            )
        match = [p for p in people if str(p.id) == chosen]
        if match:
            answers["connection_id"], name = match[0].id, match[0].name
    answers["name"] = name
    rows: list[list[Button]] = []
    if name:
        rows = [[(message, f"rm:what:{key}", {"name": name[:20]})] for key, message in WHAT.items()]
    rows.append([(texts.WHAT_OWN, "rm:what:own")])
    await say(update, context, texts.ASK_REMINDER_WHAT, keyboard(context, rows))
    return R_WHAT


async def _ask_day(update: Update, context: Ctx) -> int:
    today = now(context).astimezone(ZoneInfo("Europe/London")).date()
    days = [today + timedelta(days=n) for n in range(8)]
    labels: list[Button] = [
        (texts.BTN_TODAY, f"rm:day:{days[0].isoformat()}"),
        (texts.BTN_TOMORROW, f"rm:day:{days[1].isoformat()}"),
    ]
    labels += [
        (
            texts.DATA_LABEL,
            f"rm:day:{d.isoformat()}",
            {"label": day_text(d, language=language(context))},
        )
        for d in days[2:]
    ]
    rows = [labels[i : i + 2] for i in range(0, len(labels), 2)]
    await say(update, context, texts.ASK_REMINDER_DAY, keyboard(context, rows))
    return R_DAY


async def what(update: Update, context: Ctx) -> int:
    """One of the usual things, or their own words."""
    key = (await tapped(update)).rsplit(":", 1)[1]
    answers = draft(context, DRAFT)
    if key == "own" or key not in WHAT:
        await say(update, context, texts.ASK_REMINDER_TEXT)
        return R_OWN_WORDS
    answers["what"] = text(context, WHAT[key], name=answers.get("name", ""))
    return await _ask_day(update, context)


async def own_words(update: Update, context: Ctx) -> int:
    """Their own wording for the reminder."""
    assert update.effective_message is not None
    typed = " ".join((update.effective_message.text or "").split())[:120]
    if not typed:
        await say(update, context, texts.ASK_REMINDER_TEXT)
        return R_OWN_WORDS
    draft(context, DRAFT)["what"] = typed
    return await _ask_day(update, context)


async def day(update: Update, context: Ctx) -> int:
    """Which day; then what time."""
    draft(context, DRAFT)["day"] = (await tapped(update)).rsplit(":", 1)[1]
    buttons: list[Button] = [
        (texts.DATA_LABEL, f"rm:time:{h}", {"label": time_text(h, language=language(context))})
        for h in HOURS
    ]
    rows = [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
    await say(update, context, texts.ASK_REMINDER_TIME, keyboard(context, rows))
    return R_TIME


async def at_time(update: Update, context: Ctx) -> int:
    """What time; then how often."""
    draft(context, DRAFT)["hour"] = int((await tapped(update)).rsplit(":", 1)[1])
    markup = keyboard(
        context,
        [
            [(texts.BTN_ONCE, "rm:rep:once")],
            [(texts.BTN_WEEKLY, "rm:rep:weekly")],
            [(texts.BTN_MONTHLY, "rm:rep:monthly")],
        ],
    )
    await say(update, context, texts.ASK_REMINDER_REPEAT, markup)
    return R_REPEAT


async def repeat(update: Update, context: Ctx) -> int:
    """How often; then save it, or ask again if that time has passed."""
    answers = draft(context, DRAFT)
    chosen = REPEATS.get((await tapped(update)).rsplit(":", 1)[1], Repeat.once)
    async with database(context) as session, session.begin():
        young_person = await young_person_of(session, update)
        if young_person is None:
            forget(context, DRAFT)
            await say(update, context, texts.NOT_JOINED)
            return END
        try:
            reminder = await set_reminder(
                session=session,
                now=now(context),
                young_person=young_person,
                what=str(answers["what"]),
                day=date.fromisoformat(str(answers["day"])),
                at=time(int(str(answers["hour"]))),
                repeat=chosen,
                connection_id=int(str(answers["connection_id"]))
                if answers.get("connection_id")
                else None,
            )
        except ReminderError:
            await say(update, context, texts.REMINDER_PAST)
            return await _ask_day(update, context)
        except NotFoundError:
            forget(context, DRAFT)
            await say(update, context, texts.PERSON_GONE)
            return END
        assert reminder.next_at is not None
        when = moment_text(reminder.next_at, language=language(context), tz=reminder.timezone)
    forget(context, DRAFT)
    await say(update, context, texts.REMINDER_SET, what=answers["what"], when=when)
    return END


async def cancel(update: Update, context: Ctx) -> int:
    """Stop making the reminder; nothing saved."""
    forget(context, DRAFT)
    await say(update, context, texts.CANCELLED)
    return END


def reminder_conversation() -> ConversationHandler:  # type: ignore[type-arg]
    return ConversationHandler(
        entry_points=[CallbackQueryHandler(new_reminder, pattern=r"^rm:new$")],
        states={
            R_WHO: [CallbackQueryHandler(who, pattern=r"^rm:who:")],
            R_WHAT: [CallbackQueryHandler(what, pattern=r"^rm:what:")],
            R_OWN_WORDS: [MessageHandler(filters.TEXT & ~filters.COMMAND, own_words)],
            R_DAY: [CallbackQueryHandler(day, pattern=r"^rm:day:\d{4}-\d\d-\d\d$")],
            R_TIME: [CallbackQueryHandler(at_time, pattern=r"^rm:time:\d+$")],
            R_REPEAT: [CallbackQueryHandler(repeat, pattern=r"^rm:rep:")],
        },
        fallbacks=[CommandHandler("cancel", cancel)],
        name="reminder",
        persistent=True,
    )
