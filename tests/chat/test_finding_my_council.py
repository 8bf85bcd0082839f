"""Sam finds her council among many by typing it, or says she doesn't know and the placing
council's team finds it for her."""

from __future__ import annotations

from sqlalchemy import select

from bot.context import kith_of
from models import Nudge, Organisation, Referral, YoungPerson
from models.referrals.council_search import UNPLACED_NOTE
from tests.chat.kit import ChatPerson, ChatSandbox
from tests.support import factories
from tests.support.chat_journeys import council, tap
from texts import chat as texts

PLACES = ["Kent County", "Leeds City", "Manchester City", "Devon County", "Bristol City"]


async def _many_councils(sandbox: ChatSandbox) -> None:
    await council(sandbox)
    async with sandbox.sessionmaker.begin() as session:
        for n, place in enumerate([*PLACES, *(f"Westshire {n}" for n in range(20))]):
            org = await factories.organisation(session, sandbox.clock.now(), slug=f"org-{n}")
            org.name = f"{place} Council (fictional)"


async def _up_to_the_council_step(sandbox: ChatSandbox) -> ChatPerson:
    sam = sandbox.young_person("Sam")
    await sam.says("/start")
    await tap(sam, texts.BTN_YES_GO_ON)
    await sam.sees(texts.ASK_NAME)
    await sam.says("Sam")
    await sam.sees("How old are you")
    await sam.says("14")
    await tap(sam, texts.BTN_IN_CARE)
    await sam.sees("Type its name, or your town")
    return sam


async def _finish(sam: ChatPerson) -> None:
    await tap(sam, texts.BTN_YES)
    await tap(sam, texts.BTN_AFTER_SCHOOL)
    await sam.sees("Thank you, Sam!")


async def _referral_council(sandbox: ChatSandbox) -> tuple[str, Referral]:
    async with sandbox.sessionmaker() as session:
        referral = await session.scalar(
            select(Referral).join(YoungPerson).where(YoungPerson.preferred_name == "Sam")
        )
        assert referral is not None
        org = await session.get_one(Organisation, referral.organisation_id)
        return org.name, referral


async def test_sam_types_her_town_with_a_slip_and_picks_her_council(sandbox: ChatSandbox) -> None:
    await _many_councils(sandbox)
    sam = await _up_to_the_council_step(sandbox)
    await sam.says("Atlantis")  # a place no council is named after
    await sam.sees(texts.NO_COUNCIL_MATCH)
    await sam.says("Manchster")
    offered = await sam.sees(texts.PICK_COUNCIL)
    assert offered.buttons == ["Manchester City Council (fictional)", texts.BTN_DONT_KNOW]
    await tap(sam, "Manchester City Council (fictional)")
    await _finish(sam)
    name, referral = await _referral_council(sandbox)
    assert name == "Manchester City Council (fictional)"
    assert referral.eligibility_notes is not None
    assert UNPLACED_NOTE not in referral.eligibility_notes


async def test_sam_types_a_town_not_named_after_its_council_and_finds_it(
    sandbox: ChatSandbox,
) -> None:
    await _many_councils(sandbox)
    sam = await _up_to_the_council_step(sandbox)
    await sam.says("Barnstaple")  # Devon County Council runs children's services there
    offered = await sam.sees(texts.PICK_COUNCIL)
    assert offered.buttons == ["Devon County Council (fictional)", texts.BTN_DONT_KNOW]
    await tap(sam, "Devon County Council (fictional)")
    await _finish(sam)
    name, _ = await _referral_council(sandbox)
    assert name == "Devon County Council (fictional)"


async def test_sam_does_not_know_her_council_and_the_placing_team_is_asked(
    sandbox: ChatSandbox,
) -> None:
    await _many_councils(sandbox)
    sam = await _up_to_the_council_step(sandbox)
    await tap(sam, texts.BTN_DONT_KNOW)
    await sam.sees(texts.NO_PLACING_COUNCIL)  # nobody is set to place them yet
    kith_of_bot = kith_of_application(sandbox)
    kith_of_bot.placing_council = "northshire"
    await sam.says("no idea")
    await sam.sees(texts.NO_COUNCIL_MATCH)
    await tap(sam, texts.BTN_DONT_KNOW)
    await _finish(sam)
    name, referral = await _referral_council(sandbox)
    assert name == "Northshire Council (fictional)"
    assert referral.eligibility_notes is not None
    assert referral.eligibility_notes.startswith(UNPLACED_NOTE)
    async with sandbox.sessionmaker() as session:
        [nudge] = await session.scalars(select(Nudge))
    assert nudge.detail == UNPLACED_NOTE


def kith_of_application(sandbox: ChatSandbox):  # type: ignore[no-untyped-def]
    """The bot's own context (bot/context.py), as KITH_PLACING_COUNCIL would set it."""

    class Holder:
        application = sandbox.runtime.bot.application

    return kith_of(Holder())  # type: ignore[arg-type]
