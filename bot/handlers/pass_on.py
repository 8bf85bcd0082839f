"""No dead ends: a message the chat's step cannot use is offered to the young person's worker.

Typed where a button is awaited, after a flow has ended, in reply to a check-in, very long,
forwarded, only emoji: once danger has been ruled out (bot/handlers/danger.py) nothing is
dropped. "Shall I send this to your worker?" [Yes, send it | No], then back to where they
were. Someone not joined yet has no worker to send it to: they are shown where they were.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler, MessageHandler, filters

from bot.chat import Ctx, aside, database, keyboard, language, now, tapped, young_person_of
from bot.handlers.guards import MAX_TEXT, active_conversations
from bot.handlers.where import say_then_step
from bot.held import OFFERED, hold, take
from models.core.enums import TellKind
from models.core.working_hours import next_reading
from models.staff.organisation import Organisation
from models.young_people.my_data import tell_coordinator
from texts import chat as texts
from texts import safety
from texts.when import moment_text


async def offer_to_pass_on(update: Update, context: Ctx) -> None:
    """Text nothing else could use: offer it to their worker, never "Sorry, I didn't get that"."""
    message = update.effective_message
    typed = message.text or "" if message is not None else ""
    async with database(context) as session:
        joined = await young_person_of(session, update) is not None
    if not joined:
        if active_conversations(update, context):
            await say_then_step(update, context, [safety.STEP_AGAIN])
        else:
            await aside(update, context, texts.NOT_JOINED)
        return
    hold(context, OFFERED, typed)
    markup = keyboard(context, [[(safety.BTN_YES_SEND, "pass:yes"), (texts.BTN_NO, "pass:no")]])
    await aside(update, context, safety.ASK_PASS_ON, markup)


async def answered(update: Update, context: Ctx) -> None:
    """Yes sends their words on (as a /tell message); no keeps nothing. Then the step again."""
    choice = await tapped(update)
    held = take(context, OFFERED)
    if choice == "pass:no":
        await say_then_step(update, context, [safety.NOT_SENT])
        raise ApplicationHandlerStop
    if held is None:
        await say_then_step(update, context, [safety.HELD_GONE])
        raise ApplicationHandlerStop
    async with database(context) as session, session.begin():
        young_person = await young_person_of(session, update)
        if young_person is None:
            await aside(update, context, texts.NOT_JOINED)
            raise ApplicationHandlerStop
        await tell_coordinator(
            session=session,
            now=now(context),
            young_person=young_person,
            kind=TellKind.passed_on,
            text=held.text,
        )
        organisation = await session.get_one(Organisation, young_person.organisation_id)
    reading = next_reading(now(context), organisation)
    if reading is None:
        await say_then_step(update, context, [texts.TOLD])
    else:
        when = moment_text(reading, language=language(context), tz=organisation.timezone)
        await say_then_step(update, context, [texts.TOLD_LATER], when=when)
    raise ApplicationHandlerStop


async def too_long(update: Update, context: Ctx) -> None:
    """Too long for any step; joined, it is offered to their worker as it is."""
    async with database(context) as session:
        joined = await young_person_of(session, update) is not None
    if joined:
        await offer_to_pass_on(update, context)
    else:
        await aside(update, context, texts.TOO_LONG)
    raise ApplicationHandlerStop


def pass_on_handlers() -> list[tuple[int, object]]:
    """(group, handler): the answer works in every state, so it runs before the conversations;
    a message too long for a step is taken before the step sees it."""
    long_text = filters.Regex(rf"(?s)^.{{{MAX_TEXT + 1},}}$")
    return [
        (-23, CallbackQueryHandler(answered, pattern=r"^pass:(yes|no)$")),
        (-10, MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT & long_text, too_long)),
    ]
