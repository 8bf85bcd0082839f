"""Short ways into Kith for chat tests: a council, a coordinator, a young person who joined."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from models import Organisation, User, YoungPerson
from models.core.enums import Cohort, Role
from models.referrals.joining import SelfReferral, refer_myself
from tests.chat.kit import ChatPerson, ChatSandbox
from tests.support import factories
from texts import chat as texts

COUNCIL = "Northshire Council (fictional)"


_tapped: dict[tuple[int, int], int] = {}


async def tap(person: ChatPerson, label: str) -> None:
    """Tap a button on the bot's newest message, once a newer one than the last tapped came.

    The bot answers each step with a new message; waiting for it keeps two taps in a row
    from landing on the same old question.
    """
    key = (id(person.sandbox.world), person.chat_id)

    def shown() -> bool:
        latest = person.latest()
        return latest is not None and latest.id != _tapped.get(key) and label in latest.buttons

    await person.sandbox.world.wait_until(shown, within=5.0)
    latest = person.latest()
    assert latest is not None
    _tapped[key] = latest.id
    await person.taps(label)


async def council(sandbox: ChatSandbox) -> tuple[Organisation, User, User]:
    """A council taking self-referrals, with a manager and a coordinator.

    These tests are about what is said, not pacing: the sandbox's per-chat limit (one
    message a second, which the sandbox's own tests cover) is lifted so they run quickly.
    """
    sandbox.world.limiter.limits = replace(sandbox.world.limiter.limits, enabled=False)
    now = sandbox.clock.now()
    async with sandbox.sessionmaker.begin() as session:
        org = await factories.organisation(session, now)
        manager = await factories.user(session, now, org, role=Role.manager)
        coordinator = await factories.user(session, now, org, manager_id=manager.id)
    return org, manager, coordinator


async def joins(sandbox: ChatSandbox, name: str = "Sam") -> ChatPerson:
    """A young person who said yes and referred themselves (council must exist)."""
    person = sandbox.young_person(name)
    await person.says("/start")
    await tap(person, texts.BTN_YES_GO_ON)
    await person.sees(texts.ASK_NAME)
    await person.says(name)
    await person.sees("How old are you")
    await person.says("14")
    await tap(person, texts.BTN_IN_CARE)
    await tap(person, COUNCIL)
    await tap(person, texts.BTN_YES)
    await tap(person, texts.BTN_AFTER_SCHOOL)
    await person.sees(f"Thank you, {name}!")
    return person


async def referred(sandbox: ChatSandbox, name: str = "Sam") -> ChatPerson:
    """A young person whose self-referral is already made (through the same models rule the
    chat uses), for tests about what comes after joining: quicker than nine chat steps."""
    person = sandbox.young_person(name, opened=True)
    now = sandbox.clock.now()
    async with sandbox.sessionmaker.begin() as session:
        org = await session.scalar(select(Organisation).where(Organisation.name == COUNCIL))
        assert org is not None, "call council(sandbox) first"
        about = SelfReferral(
            preferred_name=name,
            cohort=Cohort.in_care,
            age=14,
            date_of_birth=None,
            has_social_worker="yes",
            preferred_hour=17,
        )
        await refer_myself(
            session=session,
            now=now,
            organisation_id=org.id,
            chat_id=person.chat_id,
            about=about,
            agreed_at=now,
        )
    return person


async def record_of(sandbox: ChatSandbox, person: ChatPerson) -> YoungPerson | None:
    async with sandbox.sessionmaker() as session:
        return await session.scalar(
            select(YoungPerson).where(YoungPerson.telegram_chat_id == person.chat_id)
        )


async def allocate(sandbox: ChatSandbox, person: ChatPerson, coordinator: User) -> YoungPerson:
    async with sandbox.sessionmaker.begin() as session:
        record = await session.scalar(
            select(YoungPerson).where(YoungPerson.telegram_chat_id == person.chat_id)
        )
        assert record is not None
        record.coordinator_id = coordinator.id
    return record
