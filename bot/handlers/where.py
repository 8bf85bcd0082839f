"""Back to where the chat was: after an aside, the step they were at is shown again.

An aside is what a guard or a fallback says in the middle of something (the gentle question
about danger, "Shall I send this to your worker?"). Its answer ends with the current step's
words and buttons again, in the same message, so the young person carries on with one tap.
"""

from __future__ import annotations

from collections.abc import Sequence

from telegram import Message, Update

from bot.chat import Ctx, current_step, text
from bot.handlers.guards import active_conversations

MAX_MESSAGE = 4096


async def say_then_step(
    update: Update, context: Ctx, before: Sequence[str], **values: object
) -> Message | None:
    """`before` (catalog texts), then the step this chat is at, if it is in one."""
    chat = update.effective_chat
    if chat is None:
        return None
    said = "\n\n".join(text(context, part, **values) for part in before)
    step = current_step(context) if active_conversations(update, context) else None
    if step is None:
        return await context.bot.send_message(chat.id, said) if said else None
    body, markup = step
    if not said:
        return await context.bot.send_message(chat.id, body, reply_markup=markup)
    if len(said) + 2 + len(body) > MAX_MESSAGE:
        await context.bot.send_message(chat.id, said)
        return await context.bot.send_message(chat.id, body, reply_markup=markup)
    joined = "\n\n".join([said, body])
    return await context.bot.send_message(chat.id, joined, reply_markup=markup)
