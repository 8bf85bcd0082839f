"""Rule 4 in the chat: every message is read for danger first, whatever the chat is doing.

Before /start, half-way through the welcome, inside any conversation, in a check-in, while
paused, after /stop: text, captions, forwarded and edited messages all come here before any
step sees them. Clear danger gets the helplines at once and an urgent concern. Possible danger
gets one gentle question in the same reply, "Are you safe right now?", whose three answers do
what they say: "I need help now" is clear danger; "Tell my worker" raises the concern with
their words; "I'm OK" goes back to where they were. Someone not joined yet (no council, so no
worker) is asked with two answers and always gets the helplines. Whatever they answer or type
next, a concern once raised stays until a person closes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from telegram import Update
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler, MessageHandler, filters

from bot.chat import Ctx, aside, database, keyboard, language, now, tapped, young_person_of
from bot.handlers.where import say_then_step
from bot.held import SAFE, hold, said_ok, take, was_said_ok
from models.core.working_hours import next_reading
from models.safeguarding.disclosures import Answer, raise_disclosure
from models.safeguarding.recognition import Tier, recognise
from models.staff.organisation import Organisation
from texts import chat as texts
from texts import safety
from texts.when import moment_text

UNKNOWN = "unknown"


@dataclass(frozen=True)
class Told:
    """Whether a person was told, and, out of hours, when one will read it and who to call."""

    joined: bool
    reading: datetime | None = None
    timezone: str = "Europe/London"
    phone: str | None = None


async def check_for_danger(update: Update, context: Ctx) -> None:
    """Danger first; a message that suggests none goes on to the step or fallback as before."""
    message = update.effective_message
    if message is None:
        return
    typed = message.text or message.caption or ""
    reading = recognise(typed) if typed.strip() else None
    if reading is None:
        return
    if reading.tier == Tier.clear:
        await help_now(update, context, typed, reading.category, reading.cue, None)
    elif was_said_ok(context, typed):
        return  # they said "I'm OK" to these words and sent them again: the step takes them
    else:
        await _ask_if_safe(update, context, typed, reading.category, reading.cue)
    # The chat stays where it was; these words are not taken as an answer to the step.
    raise ApplicationHandlerStop


async def _ask_if_safe(update: Update, context: Ctx, typed: str, category: str, cue: str) -> None:
    hold(context, SAFE, typed, category=category, cue=cue)
    async with database(context) as session:
        joined = await young_person_of(session, update) is not None
    rows = [[(safety.BTN_HELP_NOW, "safe:help")]]
    if joined:
        rows.append([(safety.BTN_TELL_WORKER, "safe:tell")])
    rows.append([(safety.BTN_IM_OK, "safe:ok")])
    await aside(update, context, safety.ARE_YOU_SAFE, keyboard(context, rows))


async def _raise(
    update: Update,
    context: Ctx,
    typed: str | None,
    category: str,
    cue: str,
    answer: Answer | None,
) -> Told:
    async with database(context) as session, session.begin():
        young_person = await young_person_of(session, update)
        if young_person is None:
            return Told(joined=False)
        await raise_disclosure(
            session=session,
            now=now(context),
            young_person=young_person,
            text=typed,
            category=category,
            cue=cue,
            answer=answer,
        )
        organisation = await session.get_one(Organisation, young_person.organisation_id)
        return Told(
            joined=True,
            reading=next_reading(now(context), organisation),
            timezone=organisation.timezone,
            phone=organisation.out_of_hours_phone,
        )


def _later(context: Ctx, told: Told) -> tuple[list[str], str, str]:
    """Out of hours: when a person will read it, and the council's own number, if set."""
    assert told.reading is not None
    if context.chat_data is not None:
        # The notice the out-of-hours guard would give is in this reply already.
        context.chat_data["told_out_of_hours"] = told.reading.isoformat()
    when = moment_text(told.reading, language=language(context), tz=told.timezone)
    extra = [safety.OUT_OF_HOURS_TEAM] if told.phone else []
    return extra, when, told.phone or ""


async def help_now(
    update: Update,
    context: Ctx,
    typed: str | None,
    category: str,
    cue: str,
    answer: Answer | None,
) -> None:
    """The helplines at once, in one message with who has been told (and when they will read)."""
    told = await _raise(update, context, typed, category, cue, answer)
    if not told.joined:
        await aside(update, context, texts.HELPLINES)
        return
    if told.reading is None:
        await aside(update, context, [texts.HELPLINES, texts.CONCERN_RAISED])
        return
    extra, when, phone = _later(context, told)
    parts = [texts.HELPLINES, safety.CONCERN_LATER, *extra]
    await aside(update, context, parts, when=when, phone=phone)


async def answered(update: Update, context: Ctx) -> None:
    """Their answer to "Are you safe right now?", in whatever state the chat is."""
    choice = (await tapped(update)).removeprefix("safe:")
    held = take(context, SAFE)
    typed = held.text if held else None
    category = held.category if held else UNKNOWN
    cue = held.cue if held else UNKNOWN
    if choice == "ok":
        if typed:
            said_ok(context, typed)
        await say_then_step(update, context, [safety.GLAD_OK])
    elif choice == "help":
        await help_now(update, context, typed, category, cue, Answer.help_now)
    else:
        told = await _raise(update, context, typed, category, cue, Answer.tell_worker)
        if not told.joined:
            await aside(update, context, texts.HELPLINES)
        elif told.reading is None:
            await say_then_step(update, context, [safety.SENT_TO_WORKER])
        else:
            extra, when, phone = _later(context, told)
            parts = [safety.SENT_TO_WORKER, safety.READ_BY, *extra]
            await say_then_step(update, context, parts, when=when, phone=phone)
    raise ApplicationHandlerStop


def danger_handlers() -> list[tuple[int, object]]:
    """(group, handler): after the private-chat and language guards, before everything else."""
    return [
        (-25, MessageHandler(filters.TEXT | filters.CAPTION, check_for_danger)),
        (-23, CallbackQueryHandler(answered, pattern=r"^safe:(help|tell|ok)$")),
    ]
