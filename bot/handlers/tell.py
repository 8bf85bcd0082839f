"""/tell: send the coordinator good news, a worry, or "please get in touch" (a nudge)."""

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
    language,
    now,
    say,
    tapped,
)
from models.core.enums import TellKind
from models.core.working_hours import next_reading
from models.staff.organisation import Organisation
from models.young_people.my_data import tell_coordinator
from texts import chat as texts
from texts.when import moment_text

T_KIND, T_TEXT = range(40, 42)
END = ConversationHandler.END
DRAFT = "tell"


async def ask_kind(update: Update, context: Ctx) -> int:
    """Good news, a worry, or please get in touch."""
    if update.callback_query is not None:
        await tapped(update)
    async with database(context) as session:
        if await joined_young_person(session, update, context) is None:
            return END
    markup = keyboard(
        context,
        [
            [(texts.BTN_GOOD_NEWS, "tell:good_news"), (texts.BTN_WORRY, "tell:worry")],
            [(texts.BTN_GET_IN_TOUCH, "tell:get_in_touch")],
        ],
    )
    await say(update, context, texts.ASK_TELL_KIND, markup)
    return T_KIND


async def kind(update: Update, context: Ctx) -> int:
    """ "Get in touch" is sent at once; news or a worry asks for their words."""
    chosen = TellKind((await tapped(update)).split(":", 1)[1])
    if chosen == TellKind.get_in_touch:
        return await _send(update, context, chosen, None)
    draft(context, DRAFT)["kind"] = chosen.value
    await say(update, context, texts.ASK_TELL_TEXT)
    return T_TEXT


async def typed(update: Update, context: Ctx) -> int:
    """Their message."""
    assert update.effective_message is not None
    chosen = TellKind(str(draft(context, DRAFT).get("kind", TellKind.good_news.value)))
    return await _send(update, context, chosen, update.effective_message.text)


async def _send(update: Update, context: Ctx, chosen: TellKind, message: str | None) -> int:
    async with database(context) as session, session.begin():
        young_person = await joined_young_person(session, update, context)
        if young_person is None:
            return END
        await tell_coordinator(
            session=session, now=now(context), young_person=young_person, kind=chosen, text=message
        )
        organisation = await session.get_one(Organisation, young_person.organisation_id)
        reading = next_reading(now(context), organisation)
    forget(context, DRAFT)
    if reading is None:
        await say(update, context, texts.TOLD)
    else:
        when = moment_text(reading, language=language(context), tz=organisation.timezone)
        await say(update, context, texts.TOLD_LATER, when=when)
    return END


async def cancel(update: Update, context: Ctx) -> int:
    """Nothing sent."""
    forget(context, DRAFT)
    await say(update, context, texts.CANCELLED)
    return END


def tell_conversation() -> ConversationHandler:  # type: ignore[type-arg]
    return ConversationHandler(
        entry_points=[
            CommandHandler("tell", ask_kind),
            CallbackQueryHandler(ask_kind, pattern=r"^menu:tell$"),
        ],
        states={
            T_KIND: [CallbackQueryHandler(kind, pattern=r"^tell:(good_news|worry|get_in_touch)$")],
            T_TEXT: [MessageHandler(filters.TEXT & ~filters.COMMAND, typed)],
        },
        fallbacks=[CommandHandler("cancel", cancel)],
        name="tell",
        persistent=True,
    )
