"""All handlers, registered in one place so a reader sees the whole bot.

Guards run first (negative groups). Group 0 then holds, in order, the conversations, the
plain commands and buttons, and the fallbacks: exactly one of them answers each update.
"""

from __future__ import annotations

import warnings
from typing import Any

from telegram.ext import Application, BaseHandler
from telegram.warnings import PTBUserWarning

from bot.handlers.change_person import change_person_conversation
from bot.handlers.checkin import checkin_conversation
from bot.handlers.circle import circle_handlers
from bot.handlers.controls import control_handlers
from bot.handlers.coordinators import coordinator_handlers
from bot.handlers.danger import danger_handlers
from bot.handlers.errors import on_error
from bot.handlers.fallbacks import fallback_handlers
from bot.handlers.guards import CONVERSATION_GROUP, guard_handlers
from bot.handlers.languages import language_handlers
from bot.handlers.pass_on import pass_on_handlers
from bot.handlers.people import add_person_conversation
from bot.handlers.people_list import people_handlers
from bot.handlers.reminder_list import reminder_handlers
from bot.handlers.reminders import reminder_conversation
from bot.handlers.tell import tell_conversation
from bot.handlers.welcome import welcome_conversation

COORDINATOR_GROUP = -27


def register_handlers(application: Application) -> None:  # type: ignore[type-arg]
    for group, handler in [*guard_handlers(), *danger_handlers(), *pass_on_handlers()]:
        application.add_handler(_handler(handler), group)
    for handler in coordinator_handlers():
        application.add_handler(_handler(handler), COORDINATOR_GROUP)
    with warnings.catch_warnings():
        # Our conversations track button taps per chat on purpose (per_message=False): a young
        # person answers the newest question; old buttons get a kind reply from the fallbacks.
        warnings.filterwarnings("ignore", "If 'per_message=False'", PTBUserWarning)
        conversations = [
            welcome_conversation(),
            add_person_conversation(),
            change_person_conversation(),
            reminder_conversation(),
            checkin_conversation(),
            tell_conversation(),
        ]
    plain = [*people_handlers(), *circle_handlers(), *reminder_handlers(), *control_handlers()]
    plain += language_handlers()
    for handler in [*conversations, *plain, *fallback_handlers()]:
        application.add_handler(_handler(handler), CONVERSATION_GROUP)
    application.add_error_handler(on_error)


def _handler(handler: object) -> BaseHandler[Any, Any, Any]:
    assert isinstance(handler, BaseHandler)
    return handler
