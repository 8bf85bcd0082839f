"""Answering a check-in: a face for how things are, each plan commitment, anything else.

The check-in message itself comes from the scheduler with the faces (models.checkins.answers
.wellbeing_markup); tapping one starts this conversation. Every question has a Skip that
costs one tap, the same as an answer.
"""

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
    now,
    say,
    tapped,
    young_person_of,
)
from models.checkins.answers import (
    CheckInClosedError,
    finish_checkin,
    open_checkin,
    plan_commitments,
    record_commitment_answer,
    record_wellbeing,
)
from models.core.enums import CommitmentAnswerValue
from models.core.scoping import NotFoundError
from texts import chat as texts

C_COMMITMENT, C_MORE = range(30, 32)
END = ConversationHandler.END
DRAFT = "checkin"


async def wellbeing(update: Update, context: Ctx) -> int:
    """A face (or skip): saved at once; then the plan's commitments, one by one."""
    _, raw_id, _, value = (await tapped(update)).split(":")
    async with database(context) as session, session.begin():
        young_person = await joined_young_person(session, update, context)
        if young_person is None:
            return END
        try:
            checkin = await open_checkin(
                session=session, young_person=young_person, checkin_id=int(raw_id)
            )
        except (NotFoundError, CheckInClosedError):
            await say(update, context, texts.CHECKIN_CLOSED)
            return END
        if value != "skip":
            await record_wellbeing(
                session=session,
                now=now(context),
                young_person=young_person,
                checkin=checkin,
                value=int(value),
            )
        plan = await plan_commitments(session=session, young_person=young_person, checkin=checkin)
    forget(context, DRAFT)
    draft(context, DRAFT).update(
        {"id": checkin.id, "left": [[c.id, c.what] for c, _ in plan], "contact": False}
    )
    return await _next(update, context, thanks=value != "skip")


async def _next(update: Update, context: Ctx, thanks: bool = False) -> int:
    answers = draft(context, DRAFT)
    left = answers["left"]
    assert isinstance(left, list)
    checkin_id = answers["id"]
    before = [texts.CHECKIN_THANKS_FACE] if thanks else []
    if left:
        commitment_id, what = left[0]
        prefix = f"ci:{checkin_id}:c:{commitment_id}"
        markup = keyboard(
            context,
            [
                [
                    (texts.BTN_HAPPENED, f"{prefix}:happened"),
                    (texts.BTN_PARTLY, f"{prefix}:partly"),
                    (texts.BTN_NOT_YET, f"{prefix}:not_yet"),
                ],
                [(texts.BTN_SKIP, f"{prefix}:skip")],
            ],
        )
        await say(update, context, [*before, texts.ASK_COMMITMENT], markup, what=what)
        return C_COMMITMENT
    markup = keyboard(
        context,
        [
            [(texts.BTN_GET_IN_TOUCH, f"ci:{checkin_id}:more:contact")],
            [(texts.BTN_SKIP, f"ci:{checkin_id}:more:skip")],
        ],
    )
    await say(update, context, [*before, texts.ASK_CHECKIN_MORE], markup)
    return C_MORE


async def commitment(update: Update, context: Ctx) -> int:
    """Did it happen: yes, a bit, not yet (or skip)."""
    _, raw_id, _, raw_commitment, value = (await tapped(update)).split(":")
    answers = draft(context, DRAFT)
    left = answers.get("left")
    if not isinstance(left, list) or not left or str(left[0][0]) != raw_commitment:
        return C_COMMITMENT if left else await _next(update, context)
    left.pop(0)
    if value != "skip":
        async with database(context) as session, session.begin():
            young_person = await young_person_of(session, update)
            if young_person is None:
                return END
            try:
                checkin = await open_checkin(
                    session=session, young_person=young_person, checkin_id=int(raw_id)
                )
                await record_commitment_answer(
                    session=session,
                    now=now(context),
                    young_person=young_person,
                    checkin=checkin,
                    commitment_id=int(raw_commitment),
                    answer=CommitmentAnswerValue(value),
                )
            except (NotFoundError, CheckInClosedError):
                forget(context, DRAFT)
                await say(update, context, texts.CHECKIN_CLOSED)
                return END
    return await _next(update, context)


async def _finish(update: Update, context: Ctx, free_text: str | None, contact: bool) -> int:
    answers = draft(context, DRAFT)
    async with database(context) as session, session.begin():
        young_person = await young_person_of(session, update)
        if young_person is None:
            return END
        try:
            checkin = await open_checkin(
                session=session, young_person=young_person, checkin_id=int(str(answers["id"]))
            )
        except (NotFoundError, CheckInClosedError):
            forget(context, DRAFT)
            await say(update, context, texts.CHECKIN_CLOSED)
            return END
        await finish_checkin(
            session=session,
            now=now(context),
            young_person=young_person,
            checkin=checkin,
            free_text=free_text,
            wants_contact=contact,
        )
    forget(context, DRAFT)
    await say(update, context, texts.CHECKIN_DONE)
    return END


async def more_typed(update: Update, context: Ctx) -> int:
    """Anything else, in their words: it reaches the coordinator with the check-in."""
    assert update.effective_message is not None
    return await _finish(update, context, update.effective_message.text, contact=False)


async def more_tapped(update: Update, context: Ctx) -> int:
    """ "Please get in touch" (a nudge) or skip."""
    contact = (await tapped(update)).endswith(":contact")
    return await _finish(update, context, None, contact=contact)


async def cancel(update: Update, context: Ctx) -> int:
    """Leave the check-in; what was answered stays, the rest can be skipped."""
    return await _finish(update, context, None, contact=False)


def checkin_conversation() -> ConversationHandler:  # type: ignore[type-arg]
    return ConversationHandler(
        entry_points=[CallbackQueryHandler(wellbeing, pattern=r"^ci:\d+:w:([1-5]|skip)$")],
        states={
            C_COMMITMENT: [
                CallbackQueryHandler(
                    commitment, pattern=r"^ci:\d+:c:\d+:(happened|partly|not_yet|skip)$"
                )
            ],
            C_MORE: [
                MessageHandler(filters.TEXT & ~filters.COMMAND, more_typed),
                CallbackQueryHandler(more_tapped, pattern=r"^ci:\d+:more:(contact|skip)$"),
            ],
        },
        fallbacks=[CommandHandler("cancel", cancel)],
        name="checkin",
        persistent=True,
        allow_reentry=True,
    )
