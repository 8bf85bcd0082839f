"""Welcome and consent, self-referral, invite links, and a restart mid-conversation."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from bot.application import BotConfig, build_application
from models import ConversationState, Nudge, Referral, YoungPerson
from models.core.enums import Cohort, InviteKind, NudgeKind, ReferralSource
from models.referrals.invites import create_invite
from tests.chat.kit import ChatSandbox
from tests.support import factories
from tests.support.chat_journeys import COUNCIL, council, joins, record_of, tap
from texts import chat as texts


async def test_sam_hears_who_kith_is_for_and_says_not_now(sandbox: ChatSandbox) -> None:
    await council(sandbox)
    sam = sandbox.young_person("Sam")
    await sam.says("/start")
    await sam.sees("not watched all the time")
    await tap(sam, texts.BTN_TELL_ME_MORE)
    await sam.sees("Lifelong Links")
    await tap(sam, texts.BTN_NOT_NOW)
    await sam.sees("I have not saved anything about you")
    async with sandbox.sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(YoungPerson)) == 0
        kept = list(await session.scalars(select(ConversationState.data)))
    assert all("Sam" not in row for row in kept)


async def test_sam_refers_herself_and_the_team_hears_of_it(sandbox: ChatSandbox) -> None:
    await council(sandbox)
    sam = await joins(sandbox)
    record = await record_of(sandbox, sam)
    assert record is not None
    assert (record.preferred_name, record.cohort, record.age_at_referral) == (
        "Sam",
        Cohort.in_care,
        14,
    )
    assert record.preferred_hour == 17
    async with sandbox.sessionmaker() as session:
        referral = await session.scalar(select(Referral))
        nudge = await session.scalar(select(Nudge))
    assert referral is not None and referral.source == ReferralSource.self
    assert nudge is not None and nudge.kind == NudgeKind.new_self_referral


async def test_sam_may_skip_her_age_and_gets_a_kind_word_for_a_strange_one(
    sandbox: ChatSandbox,
) -> None:
    await council(sandbox)
    sam = sandbox.young_person("Sam")
    await sam.says("/start")
    await tap(sam, texts.BTN_YES_GO_ON)
    await sam.says("Sam")
    await sam.says("a hundred")
    await sam.sees("as a number from 10 to 25")
    await tap(sam, texts.BTN_SKIP)
    await sam.sees(texts.ASK_CARE)


async def test_an_invite_link_joins_sam_to_her_record(sandbox: ChatSandbox) -> None:
    org, _, _coordinator = await council(sandbox)
    now = sandbox.clock.now()
    async with sandbox.sessionmaker.begin() as session:
        record = await factories.young_person(session, now, org, name="Sam")
        _, code = await create_invite(
            session=session,
            now=now,
            organisation_id=org.id,
            kind=InviteKind.young_person,
            young_person_id=record.id,
        )
    sam = sandbox.young_person("Sam")
    await sam.says(f"/start {code}")
    await tap(sam, texts.BTN_YES_GO_ON)
    await sam.sees("You are now linked")
    linked = await record_of(sandbox, sam)
    assert linked is not None and linked.id == record.id

    jo = sandbox.young_person("Jo")
    await jo.says(f"/start {code}")
    await jo.sees("That link has been used already")
    await jo.says("/start not-a-real-code")
    await jo.sees("I don't know that link")


async def test_an_old_invite_link_is_explained(sandbox: ChatSandbox) -> None:
    org, _, _ = await council(sandbox)
    now = sandbox.clock.now()
    async with sandbox.sessionmaker.begin() as session:
        record = await factories.young_person(session, now, org, name="Sam")
        _, code = await create_invite(
            session=session,
            now=now,
            organisation_id=org.id,
            kind=InviteKind.young_person,
            young_person_id=record.id,
        )
    sandbox.clock.advance(timedelta(days=30))
    sam = sandbox.young_person("Sam")
    await sam.says(f"/start {code}")
    await sam.sees("too old")


async def test_a_restart_mid_conversation_carries_on(sandbox: ChatSandbox, sandbox_server) -> None:
    await council(sandbox)
    sam = sandbox.young_person("Sam")
    await sam.says("/start")
    await tap(sam, texts.BTN_YES_GO_ON)
    await sam.says("Sam")
    await sam.sees("How old are you")
    await sandbox.settle()

    service = sandbox.runtime.bot
    await service.stop()
    service.application = build_application(
        BotConfig(
            token=sandbox.world.token,
            base_url=sandbox_server.base_url,
            sessionmaker=sandbox.sessionmaker,
            clock=sandbox.clock,
        )
    )
    await service.start()

    await sam.says("15")
    await sam.sees(texts.ASK_CARE)
    await tap(sam, texts.BTN_LEFT_CARE)
    await tap(sam, COUNCIL)
    await tap(sam, texts.BTN_SKIP)
    await tap(sam, texts.BTN_MORNING)
    await sam.sees("Thank you, Sam!")
    record = await record_of(sandbox, sam)
    assert record is not None and record.age_at_referral == 15
