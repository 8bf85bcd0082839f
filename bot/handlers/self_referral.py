"""Self-referral, step by step: what to call them, age, care, council, worker, best time.

Part of the /start conversation (bot.handlers.welcome), after they said yes. The answers wait
in the chat's draft and become a referral (source: self) only at the last step.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ConversationHandler

from bot.chat import Button, Ctx, database, draft, forget, keyboard, language, now, say, tapped
from bot.context import kith_of
from models.core.enums import Cohort
from models.core.working_hours import read_by
from models.network.people import PersonNameError, clean_name
from models.referrals.council_search import UNPLACED_NOTE, councils_matching, placing_council
from models.referrals.joining import (
    ChatAlreadyLinkedError,
    NotAcceptingError,
    SelfReferral,
    councils_taking_self_referrals,
    refer_myself,
)
from models.staff.organisation import Organisation
from texts import chat as texts
from texts.when import moment_text

NAME, AGE, CARE, COUNCIL, WORKER, BEST_TIME = range(1, 7)
END = ConversationHandler.END
DRAFT = "join"
MAX_NAME = 40
CARE_CHOICES = {"in": Cohort.in_care, "left": Cohort.care_leaver, "unsure": Cohort.not_sure}
HOURS = {"morning": 10, "afternoon": 14, "school": 17, "evening": 19}
DATE_OF_BIRTH = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
# Up to this many councils are offered as buttons; more, and the young person types theirs.
FEW_COUNCILS = 8
AGE_NUMBER = re.compile(r"^\D{0,12}(\d{1,2})\D{0,12}$")


async def name(update: Update, context: Ctx) -> int:
    """What to call them."""
    assert update.effective_message is not None
    try:
        chosen = clean_name(update.effective_message.text or "")
        if len(chosen) > MAX_NAME:
            raise PersonNameError("too long")
    except PersonNameError:
        await say(update, context, texts.BAD_NAME)
        return NAME
    draft(context, DRAFT)["name"] = chosen
    await say(
        update, context, texts.ASK_AGE, keyboard(context, [[(texts.BTN_SKIP, "join:age:skip")]])
    )
    return AGE


def _parse_age(typed: str, today: date) -> tuple[int | None, date | None]:
    """An age (10-25), or a date of birth dd/mm/yyyy; (None, None) when neither."""
    found = DATE_OF_BIRTH.match(typed)
    if found:
        try:
            born = date(int(found.group(3)), int(found.group(2)), int(found.group(1)))
        except ValueError:
            return None, None
        years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        return (years, born) if 5 <= years <= 30 else (None, None)
    number = AGE_NUMBER.match(typed)
    if number and 10 <= int(number.group(1)) <= 25:
        return int(number.group(1)), None
    return None, None


async def _ask_care(update: Update, context: Ctx) -> int:
    markup = keyboard(
        context,
        [
            [(texts.BTN_IN_CARE, "join:care:in"), (texts.BTN_LEFT_CARE, "join:care:left")],
            [(texts.BTN_NOT_SURE, "join:care:unsure")],
        ],
    )
    await say(update, context, texts.ASK_CARE, markup)
    return CARE


async def age(update: Update, context: Ctx) -> int:
    """Their age, or date of birth; skippable."""
    assert update.effective_message is not None
    years, born = _parse_age(update.effective_message.text or "", now(context).date())
    if years is None:
        await say(
            update, context, texts.BAD_AGE, keyboard(context, [[(texts.BTN_SKIP, "join:age:skip")]])
        )
        return AGE
    answers = draft(context, DRAFT)
    answers["age"] = years
    answers["born"] = born.isoformat() if born else None
    return await _ask_care(update, context)


async def skip_age(update: Update, context: Ctx) -> int:
    """No age given: that's fine."""
    await tapped(update)
    return await _ask_care(update, context)


async def care(update: Update, context: Ctx) -> int:
    """In care now, left care, or not sure; then which council."""
    choice = (await tapped(update)).rsplit(":", 1)[1]
    draft(context, DRAFT)["cohort"] = CARE_CHOICES.get(choice, Cohort.not_sure).value
    async with database(context) as session:
        councils = await councils_taking_self_referrals(session=session)
    if not councils:
        forget(context, DRAFT)
        await say(update, context, texts.NO_COUNCILS)
        return END
    if len(councils) > FEW_COUNCILS:
        await say(update, context, texts.ASK_COUNCIL_TYPED, _dont_know(context))
        return COUNCIL
    await say(update, context, texts.ASK_COUNCIL, _council_buttons(context, councils))
    return COUNCIL


def _dont_know(context: Ctx) -> InlineKeyboardMarkup:
    return keyboard(context, [[(texts.BTN_DONT_KNOW, "join:org:unknown")]])


def _council_buttons(context: Ctx, councils: list[Organisation]) -> InlineKeyboardMarkup:
    rows: list[list[Button]] = [
        [(texts.DATA_LABEL, f"join:org:{c.id}", {"label": c.name})] for c in councils
    ]
    rows.append([(texts.BTN_DONT_KNOW, "join:org:unknown")])
    return keyboard(context, rows)


async def council_typed(update: Update, context: Ctx) -> int:
    """Their council's name or their town, typed: the councils it may mean, to tap."""
    assert update.effective_message is not None
    async with database(context) as session:
        found = await councils_matching(session=session, typed=update.effective_message.text or "")
    if not found:
        await say(update, context, texts.NO_COUNCIL_MATCH, _dont_know(context))
    else:
        await say(update, context, texts.PICK_COUNCIL, _council_buttons(context, found))
    return COUNCIL


async def council_unknown(update: Update, context: Ctx) -> int:
    """They don't know their council: the placing council's team will find it."""
    await tapped(update)
    async with database(context) as session:
        placing = await placing_council(
            session=session, placing_slug=kith_of(context).placing_council
        )
    if placing is None:
        await say(update, context, texts.NO_PLACING_COUNCIL)
        return COUNCIL
    answers = draft(context, DRAFT)
    answers["council"], answers["unplaced"] = placing.id, True
    return await _ask_worker(update, context)


async def council(update: Update, context: Ctx) -> int:
    """Which council; then whether they have a social worker or personal adviser."""
    answers = draft(context, DRAFT)
    answers["council"] = int((await tapped(update)).rsplit(":", 1)[1])
    answers["unplaced"] = False
    return await _ask_worker(update, context)


async def _ask_worker(update: Update, context: Ctx) -> int:
    markup = keyboard(
        context,
        [
            [(texts.BTN_YES, "join:sw:yes"), (texts.BTN_NO, "join:sw:no")],
            [(texts.BTN_NOT_SURE, "join:sw:not_sure"), (texts.BTN_SKIP, "join:sw:skip")],
        ],
    )
    await say(update, context, texts.ASK_WORKER, markup)
    return WORKER


async def worker(update: Update, context: Ctx) -> int:
    """Social worker or PA (optional); then the best time of day."""
    choice = (await tapped(update)).rsplit(":", 1)[1]
    draft(context, DRAFT)["worker"] = None if choice == "skip" else choice
    markup = keyboard(
        context,
        [
            [
                (texts.BTN_MORNING, "join:time:morning"),
                (texts.BTN_AFTERNOON, "join:time:afternoon"),
            ],
            [
                (texts.BTN_AFTER_SCHOOL, "join:time:school"),
                (texts.BTN_EVENING, "join:time:evening"),
            ],
        ],
    )
    await say(update, context, texts.ASK_TIME, markup)
    return BEST_TIME


async def best_time(update: Update, context: Ctx) -> int:
    """The last answer: make the self-referral, and say what happens next and when."""
    assert update.effective_chat is not None
    hour = HOURS.get((await tapped(update)).rsplit(":", 1)[1], 17)
    answers = draft(context, DRAFT)
    about = SelfReferral(
        preferred_name=str(answers["name"]),
        cohort=Cohort(str(answers.get("cohort", Cohort.not_sure.value))),
        age=int(str(answers["age"])) if answers.get("age") is not None else None,
        date_of_birth=date.fromisoformat(str(answers["born"])) if answers.get("born") else None,
        has_social_worker=str(answers["worker"]) if answers.get("worker") else None,
        preferred_hour=hour,
        language=language(context),
    )
    async with database(context) as session, session.begin():
        try:
            young_person, _ = await refer_myself(
                session=session,
                now=now(context),
                organisation_id=int(str(answers["council"])),
                chat_id=update.effective_chat.id,
                about=about,
                agreed_at=datetime.fromisoformat(str(answers["agreed_at"])),
                placing_note=UNPLACED_NOTE if answers.get("unplaced") else None,
            )
        except (NotAcceptingError, ChatAlreadyLinkedError):
            forget(context, DRAFT)
            await say(update, context, texts.CHAT_ALREADY_LINKED)
            return END
        organisation = await session.get_one(Organisation, young_person.organisation_id)
        reading = read_by(now(context), organisation)
        when = moment_text(reading, language=language(context), tz=organisation.timezone)
        council_name = organisation.name
    forget(context, DRAFT)
    await say(
        update,
        context,
        [texts.REFERRED, texts.NEXT_STEPS],
        name=about.preferred_name,
        council=council_name,
        when=when,
    )
    return END
