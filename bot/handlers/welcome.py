"""/start: welcome and consent, then an invite link or a self-referral, step by step.

Nothing about the young person is stored until they say yes; their answers wait in the
chat's draft and become a referral (source: self) only at the last step.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import texts
from bot.chat import Ctx, database, draft, forget, keyboard, language, now, say, tapped
from bot.when import moment_text
from models.controls import restart_messages
from models.enums import Cohort, InviteKind
from models.invites import ExpiredInviteError, InviteError, UsedInviteError
from models.joining import (
    ChatAlreadyLinkedError,
    NotAcceptingError,
    SelfReferral,
    accept_invite,
    councils_taking_self_referrals,
    peek_invite,
    refer_myself,
    who_is_chat,
)
from models.organisation import Organisation
from models.people import PersonNameError, clean_name
from models.user import User
from models.working_hours import read_by
from models.young_person import YoungPerson

CONSENT, NAME, AGE, CARE, COUNCIL, WORKER, BEST_TIME = range(7)
END = ConversationHandler.END
DRAFT = "join"
MAX_NAME = 40
CARE_CHOICES = {"in": Cohort.in_care, "left": Cohort.care_leaver, "unsure": Cohort.not_sure}
HOURS = {"morning": 10, "afternoon": 14, "school": 17, "evening": 19}
DATE_OF_BIRTH = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
AGE_NUMBER = re.compile(r"^\D{0,12}(\d{1,2})\D{0,12}$")


def _invite_error_text(error: InviteError) -> str:
    if isinstance(error, UsedInviteError):
        return texts.INVITE_USED
    if isinstance(error, ExpiredInviteError):
        return texts.INVITE_EXPIRED
    return texts.INVITE_UNKNOWN


async def _ask_consent(update: Update, context: Ctx, *before: str) -> int:
    markup = keyboard(
        context,
        [
            [(texts.BTN_YES_GO_ON, "join:yes"), (texts.BTN_NOT_NOW, "join:no")],
            [(texts.BTN_TELL_ME_MORE, "join:more")],
        ],
    )
    await say(update, context, [*before, texts.ASK_CONSENT], markup)
    return CONSENT


async def _known_or_invited(
    update: Update, context: Ctx, chat_id: int, code: str | None
) -> tuple[str, dict[str, object]] | None:
    """The reply for a chat we know, or a code that ends here; None to welcome them."""
    async with database(context) as session, session.begin():
        who = await who_is_chat(session=session, chat_id=chat_id)
        if isinstance(who, User):
            return texts.COORDINATOR_CHAT, {}
        if isinstance(who, YoungPerson):
            if context.chat_data is not None:
                context.chat_data["lang"] = who.language
            if restart_messages(young_person=who):
                return texts.MESSAGES_BACK_ON, {"name": who.preferred_name}
            return texts.WELCOME_BACK, {"name": who.preferred_name}
        if code is None:
            return None
        try:
            kind = await peek_invite(session=session, now=now(context), code=code)
        except InviteError as error:
            return _invite_error_text(error), {}
        if kind == InviteKind.coordinator:
            user = await accept_invite(
                session=session,
                now=now(context),
                code=code,
                chat_id=chat_id,
                agreed_at=now(context),
            )
            assert isinstance(user, User)
            return texts.COORDINATOR_LINKED, {"name": user.display_name}
        draft(context, DRAFT)["invite"] = code
    return None


async def start(update: Update, context: Ctx) -> int:
    """Greet someone we know; otherwise welcome, explain, and ask for consent."""
    assert update.effective_chat is not None
    chat_id = update.effective_chat.id
    code = context.args[0] if context.args else None
    forget(context, DRAFT)
    reply = await _known_or_invited(update, context, chat_id, code)
    if reply is not None:
        # Said after the commit, so what the young person reads is already true.
        await say(update, context, reply[0], None, **reply[1])
        return END
    await say(update, context, [texts.WELCOME, texts.WELCOME_WHAT])
    return await _ask_consent(update, context, texts.WELCOME_STORED, texts.WELCOME_NOT_WATCHED)


async def consent(update: Update, context: Ctx) -> int:
    """Yes links the invite or starts the self-referral; no saves nothing; more explains."""
    choice = await tapped(update)
    if choice == "join:more":
        return await _ask_consent(update, context, texts.TELL_ME_MORE)
    if choice == "join:no":
        forget(context, DRAFT)
        await say(update, context, texts.SAID_NO)
        return END
    answers = draft(context, DRAFT)
    answers["agreed_at"] = now(context).isoformat()
    if "invite" in answers:
        return await _link_invite(update, context, str(answers["invite"]))
    await say(update, context, [texts.PRIVACY_NOTICE, texts.ASK_NAME])
    return NAME


async def _link_invite(update: Update, context: Ctx, code: str) -> int:
    assert update.effective_chat is not None
    agreed_at = datetime.fromisoformat(str(draft(context, DRAFT)["agreed_at"]))
    forget(context, DRAFT)
    async with database(context) as session, session.begin():
        try:
            linked = await accept_invite(
                session=session,
                now=now(context),
                code=code,
                chat_id=update.effective_chat.id,
                agreed_at=agreed_at,
            )
        except InviteError as error:
            await say(update, context, _invite_error_text(error))
            return END
        except ChatAlreadyLinkedError:
            await say(update, context, texts.CHAT_ALREADY_LINKED)
            return END
        name = linked.preferred_name if isinstance(linked, YoungPerson) else linked.display_name
        if isinstance(linked, YoungPerson) and context.chat_data is not None:
            context.chat_data["lang"] = linked.language
    await say(update, context, texts.INVITE_LINKED, name=name)
    return END


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
    rows = [[(texts.DATA_LABEL, f"join:org:{c.id}", {"label": c.name})] for c in councils[:20]]
    await say(update, context, texts.ASK_COUNCIL, keyboard(context, rows))
    return COUNCIL


async def council(update: Update, context: Ctx) -> int:
    """Which council; then whether they have a social worker or personal adviser."""
    draft(context, DRAFT)["council"] = int((await tapped(update)).rsplit(":", 1)[1])
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


async def cancel(update: Update, context: Ctx) -> int:
    """Stop here; nothing half-saved."""
    forget(context, DRAFT)
    await say(update, context, texts.CANCELLED)
    return END


def welcome_conversation() -> ConversationHandler:  # type: ignore[type-arg]
    text = filters.TEXT & ~filters.COMMAND
    return ConversationHandler(
        entry_points=[CommandHandler("start", start)],
        states={
            CONSENT: [CallbackQueryHandler(consent, pattern=r"^join:(yes|no|more)$")],
            NAME: [MessageHandler(text, name)],
            AGE: [
                MessageHandler(text, age),
                CallbackQueryHandler(skip_age, pattern=r"^join:age:skip$"),
            ],
            CARE: [CallbackQueryHandler(care, pattern=r"^join:care:")],
            COUNCIL: [CallbackQueryHandler(council, pattern=r"^join:org:\d+$")],
            WORKER: [CallbackQueryHandler(worker, pattern=r"^join:sw:")],
            BEST_TIME: [CallbackQueryHandler(best_time, pattern=r"^join:time:")],
        },
        fallbacks=[CommandHandler("cancel", cancel)],
        name="welcome",
        persistent=True,
    )
