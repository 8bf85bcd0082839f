"""/start: welcome and consent, then an invite link or a self-referral, step by step.

Nothing about the young person is stored until they say yes; their answers wait in the
chat's draft and become a referral (source: self) only at the last step.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.chat import Ctx, database, draft, forget, keyboard, language, now, say, tapped
from bot.handlers.languages import CHOSEN, choose, language_rows
from bot.handlers.self_referral import (
    AGE,
    BEST_TIME,
    CARE,
    COUNCIL,
    DRAFT,
    END,
    NAME,
    WORKER,
    age,
    best_time,
    care,
    council,
    council_typed,
    council_unknown,
    name,
    skip_age,
    worker,
)
from models.core.enums import InviteKind
from models.referrals.invites import ExpiredInviteError, InviteError, UsedInviteError
from models.referrals.joining import (
    ChatAlreadyLinkedError,
    accept_invite,
    peek_invite,
    who_is_chat,
)
from models.staff.languages import spoken
from models.staff.organisation import Organisation
from models.staff.user import User
from models.young_people.controls import restart_messages
from models.young_people.young_person import YoungPerson
from texts import chat as texts
from texts.catalog import available_languages
from texts.languages import DEFAULT_LANGUAGE

CONSENT = 0


def _invite_error_text(error: InviteError) -> str:
    if isinstance(error, UsedInviteError):
        return texts.INVITE_USED
    if isinstance(error, ExpiredInviteError):
        return texts.INVITE_EXPIRED
    return texts.INVITE_UNKNOWN


async def _ask_consent(update: Update, context: Ctx, *before: str) -> int:
    """Yes, not now, tell me more; then every other language, one tap away."""
    markup = keyboard(
        context,
        [
            [(texts.BTN_YES_GO_ON, "join:yes"), (texts.BTN_NOT_NOW, "join:no")],
            [(texts.BTN_TELL_ME_MORE, "join:more")],
            *language_rows(context, available_languages(), "join:lang:"),
        ],
    )
    await say(update, context, [*before, texts.ASK_CONSENT], markup)
    return CONSENT


async def _welcome(update: Update, context: Ctx) -> int:
    await say(update, context, [texts.WELCOME, texts.WELCOME_WHAT])
    return await _ask_consent(update, context, texts.WELCOME_STORED, texts.WELCOME_NOT_WATCHED)


async def switch_language(update: Update, context: Ctx) -> int:
    """One tap on a language's name: the welcome again, in that language."""
    code = (await tapped(update)).removeprefix("join:lang:")
    if code in available_languages():
        choose(context, code)
    return await _welcome(update, context)


async def _known_or_invited(
    update: Update, context: Ctx, chat_id: int, code: str | None
) -> tuple[str, dict[str, object]] | None:
    """The reply for a chat we know, or a code that ends here; None to welcome them."""
    async with database(context) as session, session.begin():
        who = await who_is_chat(session=session, chat_id=chat_id)
        if isinstance(who, User):
            await _staff_language(session, context, who)
            return texts.COORDINATOR_CHAT, {}
        if isinstance(who, YoungPerson):
            if context.chat_data is not None:
                context.chat_data["lang"] = spoken(who.language)
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
            await _staff_language(session, context, user)
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
    return await _welcome(update, context)


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
        if isinstance(linked, YoungPerson):
            _settle_language(context, linked)
    await say(update, context, texts.INVITE_LINKED, name=name)
    return END


async def _staff_language(session: AsyncSession, context: Ctx, user: User) -> None:
    """A coordinator's chat speaks their organisation's language, as their nudges do."""
    if context.chat_data is not None:
        organisation = await session.get_one(Organisation, user.organisation_id)
        context.chat_data["lang"] = spoken(organisation.language)


def _settle_language(context: Ctx, young_person: YoungPerson) -> None:
    """On linking: a language they tapped wins; else one their worker set; else this chat's."""
    data = context.chat_data
    if data is None:
        return
    if not data.get(CHOSEN) and young_person.language != DEFAULT_LANGUAGE:
        data["lang"] = spoken(young_person.language)
    young_person.language = language(context)


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
            CONSENT: [
                CallbackQueryHandler(consent, pattern=r"^join:(yes|no|more)$"),
                CallbackQueryHandler(switch_language, pattern=r"^join:lang:[\w-]{1,16}$"),
            ],
            NAME: [MessageHandler(text, name)],
            AGE: [
                MessageHandler(text, age),
                CallbackQueryHandler(skip_age, pattern=r"^join:age:skip$"),
            ],
            CARE: [CallbackQueryHandler(care, pattern=r"^join:care:")],
            COUNCIL: [
                CallbackQueryHandler(council, pattern=r"^join:org:\d+$"),
                CallbackQueryHandler(council_unknown, pattern=r"^join:org:unknown$"),
                MessageHandler(text, council_typed),
            ],
            WORKER: [CallbackQueryHandler(worker, pattern=r"^join:sw:")],
            BEST_TIME: [CallbackQueryHandler(best_time, pattern=r"^join:time:")],
        },
        fallbacks=[CommandHandler("cancel", cancel)],
        name="welcome",
        persistent=True,
    )
