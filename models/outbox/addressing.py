"""Who an outbox message goes to: the chat it is sent to, and whose it is.

A message to a young person goes to the chat they linked and belongs to their council, so
that /stop, a pause or a block finds it; a message to staff goes to their own chat. The
one place that says so: `enqueue_message(**addressed_to(sam), …)`.
"""

from __future__ import annotations

from typing import TypedDict

from models.staff.user import User
from models.young_people.young_person import YoungPerson


class Address(TypedDict):
    organisation_id: int
    chat_id: int
    young_person_id: int | None
    user_id: int | None


class NoChatError(ValueError):
    """Nobody linked a Telegram chat: check `why_not_message` (or the chat) first."""


def addressed_to(person: YoungPerson | User) -> Address:
    """The chat and owner of a message to this young person or member of staff."""
    if person.telegram_chat_id is None:
        raise NoChatError(f"{type(person).__name__} #{person.id} has no linked chat")
    young = isinstance(person, YoungPerson)
    return Address(
        organisation_id=person.organisation_id,
        chat_id=person.telegram_chat_id,
        young_person_id=person.id if young else None,
        user_id=None if young else person.id,
    )
