"""My circle picture: them in the middle, their people on three rings (rule 1 holds)."""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.chat import Ctx, database, joined_young_person, say, tapped, text
from models.network.circle import CirclePerson, render_circle
from models.network.people import visible_people
from texts import chat as texts

LEGEND = {
    "family": texts.LEGEND_FAMILY,
    "friend": texts.LEGEND_FRIEND,
    "carer": texts.LEGEND_CARER,
    "professional": texts.LEGEND_PROFESSIONAL,
    "community": texts.LEGEND_COMMUNITY,
}


async def send_circle(update: Update, context: Ctx) -> None:
    """Draw and send the picture; the legend is in their language."""
    if update.callback_query is not None:
        await tapped(update)
    async with database(context) as session:
        young_person = await joined_young_person(session, update, context)
        if young_person is None:
            return
        people = await visible_people(session=session, young_person=young_person)
        centre = young_person.preferred_name
    if not people:
        await say(update, context, texts.CIRCLE_EMPTY)
        return
    # Drawing takes a moment: off the event loop, so other chats are not kept waiting.
    picture = await asyncio.to_thread(
        render_circle,
        centre_name=centre,
        people=[CirclePerson(p.name, p.closeness, p.category, None) for p in people],
        show_status=False,
        labels={key: text(context, message) for key, message in LEGEND.items()},
    )
    assert update.effective_chat is not None
    await context.bot.send_photo(
        update.effective_chat.id, picture, caption=text(context, texts.CIRCLE_CAPTION)
    )


def circle_handlers() -> list[object]:
    return [
        CommandHandler("mycircle", send_circle),
        CallbackQueryHandler(send_circle, pattern=r"^menu:circle$"),
    ]
