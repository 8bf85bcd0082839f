"""My people: the list (rule 1: only people they named, and people who agreed), add, remove.

Adding someone is one question at a time; the answers wait in the chat's draft and are saved
together at the last step, so a conversation left half-way saves nothing.
"""

from __future__ import annotations

import re
from datetime import date

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
    now,
    say,
    tapped,
    young_person_of,
)
from models.core.enums import Closeness
from models.network.people import (
    RELATIONSHIPS,
    PersonDetails,
    PersonNameError,
    clean_name,
    name_person,
)
from models.reminders.birthdays import sync_birthday_reminders
from texts import chat as texts

P_NAME, P_RELATIONSHIP, P_IN_TOUCH, P_WANTS, P_CLOSENESS, P_BIRTHDAY, P_WORRY = range(10, 17)
END = ConversationHandler.END
DRAFT = "person"
# No year given: a leap year, so 29/02 is a birthday too; only day and month are used.
NO_YEAR = 2000
BIRTHDAY = re.compile(r"^\s*(\d{1,2})\s*[/.\- ]\s*(\d{1,2})(?:\s*[/.\- ]\s*(\d{4}))?\s*$")

RELATIONSHIP_TEXTS: dict[str, str] = {
    "mum": texts.REL_MUM,
    "dad": texts.REL_DAD,
    "brother": texts.REL_BROTHER,
    "sister": texts.REL_SISTER,
    "grandparent": texts.REL_GRANDPARENT,
    "aunt_uncle": texts.REL_AUNT_UNCLE,
    "cousin": texts.REL_COUSIN,
    "friend": texts.REL_FRIEND,
    "foster_carer": texts.REL_FOSTER_CARER,
    "teacher": texts.REL_TEACHER,
    "social_worker": texts.REL_SOCIAL_WORKER,
    "someone_else": texts.REL_SOMEONE_ELSE,
}
CLOSENESS_BUTTONS: list[list[Button]] = [
    [(texts.BTN_INNER, "pp:close:inner")],
    [(texts.BTN_MIDDLE, "pp:close:middle")],
    [(texts.BTN_OUTER, "pp:close:outer")],
]
assert set(RELATIONSHIP_TEXTS) == set(RELATIONSHIPS)


def parse_birthday(typed: str) -> date | None:
    found = BIRTHDAY.match(typed)
    if not found:
        return None
    day, month = int(found.group(1)), int(found.group(2))
    year = int(found.group(3)) if found.group(3) else NO_YEAR
    try:
        return date(year, month, day)
    except ValueError:
        return None


def yes_no_skip(prefix: str) -> list[list[Button]]:
    return [
        [(texts.BTN_YES, f"{prefix}:yes"), (texts.BTN_NO, f"{prefix}:no")],
        [(texts.BTN_SKIP, f"{prefix}:skip")],
    ]


def _answer(data: str) -> bool | None:
    return {"yes": True, "no": False}.get(data.rsplit(":", 1)[1])


async def add_start(update: Update, context: Ctx) -> int:
    """Start adding someone: their name first."""
    await tapped(update)
    async with database(context) as session:
        if await joined_young_person(session, update, context) is None:
            return END
    forget(context, DRAFT)
    draft(context, DRAFT)
    await say(update, context, texts.ASK_PERSON_NAME)
    return P_NAME


async def person_name(update: Update, context: Ctx) -> int:
    """Their name or nickname; then who they are."""
    assert update.effective_message is not None
    try:
        draft(context, DRAFT)["name"] = clean_name(update.effective_message.text or "")
    except PersonNameError:
        await say(update, context, texts.BAD_NAME)
        return P_NAME
    keys = list(RELATIONSHIP_TEXTS)
    rows = [
        [(RELATIONSHIP_TEXTS[k], f"pp:rel:{k}") for k in keys[i : i + 2]]
        for i in range(0, len(keys), 2)
    ]
    await say(update, context, texts.ASK_RELATIONSHIP, keyboard(context, rows))
    return P_RELATIONSHIP


async def relationship(update: Update, context: Ctx) -> int:
    """Who they are to them; then whether they are in touch."""
    answers = draft(context, DRAFT)
    answers["relationship"] = (await tapped(update)).rsplit(":", 1)[1]
    await say(
        update,
        context,
        texts.ASK_IN_TOUCH,
        keyboard(context, yes_no_skip("pp:touch")),
        name=answers["name"],
    )
    return P_IN_TOUCH


async def in_touch(update: Update, context: Ctx) -> int:
    """In touch now?; then would they like to be."""
    answers = draft(context, DRAFT)
    answers["in_touch"] = _answer(await tapped(update))
    await say(
        update,
        context,
        texts.ASK_WANTS_CONTACT,
        keyboard(context, yes_no_skip("pp:want")),
        name=answers["name"],
    )
    return P_WANTS


async def wants_contact(update: Update, context: Ctx) -> int:
    """Would they like (more) contact?; then how close."""
    answers = draft(context, DRAFT)
    answers["wants_contact"] = _answer(await tapped(update))
    await say(
        update,
        context,
        texts.ASK_CLOSENESS,
        keyboard(context, CLOSENESS_BUTTONS),
        name=answers["name"],
    )
    return P_CLOSENESS


async def closeness(update: Update, context: Ctx) -> int:
    """Inner, middle or outer ring; then the birthday (optional)."""
    answers = draft(context, DRAFT)
    answers["closeness"] = (await tapped(update)).rsplit(":", 1)[1]
    await say(
        update,
        context,
        texts.ASK_BIRTHDAY,
        keyboard(context, [[(texts.BTN_SKIP, "pp:bday:skip")]]),
        name=answers["name"],
    )
    return P_BIRTHDAY


async def _ask_worry(update: Update, context: Ctx) -> int:
    # The one-line notice of who will see it, just before the personal question (rule 8).
    await say(
        update,
        context,
        [texts.WORRY_NOTICE, texts.ASK_WORRY],
        keyboard(context, yes_no_skip("pp:worry")),
        name=draft(context, DRAFT)["name"],
    )
    return P_WORRY


async def birthday(update: Update, context: Ctx) -> int:
    """Their birthday, typed like 25/12."""
    assert update.effective_message is not None
    day = parse_birthday(update.effective_message.text or "")
    if day is None:
        await say(
            update,
            context,
            texts.BAD_BIRTHDAY,
            keyboard(context, [[(texts.BTN_SKIP, "pp:bday:skip")]]),
        )
        return P_BIRTHDAY
    draft(context, DRAFT)["birthday"] = day.isoformat()
    return await _ask_worry(update, context)


async def skip_birthday(update: Update, context: Ctx) -> int:
    """No birthday: fine."""
    await tapped(update)
    return await _ask_worry(update, context)


async def worry(update: Update, context: Ctx) -> int:
    """Anything worrying (sets a flag; never asks why); then save the person."""
    worried = _answer(await tapped(update)) is True
    answers = draft(context, DRAFT)
    details = PersonDetails(
        name=str(answers["name"]),
        relationship=str(answers["relationship"]),
        in_touch=answers.get("in_touch"),  # type: ignore[arg-type]
        wants_contact=answers.get("wants_contact"),  # type: ignore[arg-type]
        closeness=Closeness(str(answers.get("closeness", Closeness.middle.value))),
        birthday=date.fromisoformat(str(answers["birthday"])) if answers.get("birthday") else None,
        worried=worried,
    )
    async with database(context) as session, session.begin():
        young_person = await young_person_of(session, update)
        if young_person is None:
            forget(context, DRAFT)
            await say(update, context, texts.NOT_JOINED)
            return END
        await name_person(
            session=session, now=now(context), young_person=young_person, details=details
        )
        if details.birthday is not None and young_person.birthday_reminders:
            await sync_birthday_reminders(
                session=session, now=now(context), young_person=young_person
            )
    forget(context, DRAFT)
    said = [texts.WORRY_NOTED, texts.PERSON_ADDED] if worried else [texts.PERSON_ADDED]
    markup = keyboard(
        context,
        [
            [(texts.BTN_ADD_ANOTHER, "pp:add"), (texts.BTN_MY_CIRCLE, "menu:circle")],
            [(texts.BTN_DONE, "menu:done")],
        ],
    )
    await say(update, context, said, markup, name=details.name)
    return END


async def cancel(update: Update, context: Ctx) -> int:
    """Stop adding; nothing saved."""
    forget(context, DRAFT)
    await say(update, context, texts.CANCELLED)
    return END


def add_person_conversation() -> ConversationHandler:  # type: ignore[type-arg]
    typed = filters.TEXT & ~filters.COMMAND
    return ConversationHandler(
        entry_points=[CallbackQueryHandler(add_start, pattern=r"^pp:add$")],
        states={
            P_NAME: [MessageHandler(typed, person_name)],
            P_RELATIONSHIP: [CallbackQueryHandler(relationship, pattern=r"^pp:rel:\w+$")],
            P_IN_TOUCH: [CallbackQueryHandler(in_touch, pattern=r"^pp:touch:")],
            P_WANTS: [CallbackQueryHandler(wants_contact, pattern=r"^pp:want:")],
            P_CLOSENESS: [CallbackQueryHandler(closeness, pattern=r"^pp:close:")],
            P_BIRTHDAY: [
                MessageHandler(typed, birthday),
                CallbackQueryHandler(skip_birthday, pattern=r"^pp:bday:skip$"),
            ],
            P_WORRY: [CallbackQueryHandler(worry, pattern=r"^pp:worry:")],
        },
        fallbacks=[CommandHandler("cancel", cancel)],
        name="add_person",
        persistent=True,
    )
