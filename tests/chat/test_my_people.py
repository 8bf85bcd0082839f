"""My people: adding step by step, the list, the circle picture, removing; found is not shown."""

from __future__ import annotations

import io

from matplotlib.image import imread
from sqlalchemy import select

from models import Connection, Nudge
from models.core.enums import (
    Closeness,
    ConnectionCategory,
    ConnectionStatus,
    NamedBy,
    NudgeKind,
    Urgency,
)
from tests.chat.kit import ChatSandbox
from tests.support.chat_journeys import allocate, council, record_of, referred, tap
from texts import chat as texts


async def test_sam_adds_her_nan_and_sees_her_circle(sandbox: ChatSandbox) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    await sam.says("/mypeople")
    await tap(sam, texts.BTN_ADD_PERSON)
    await sam.says("<3 Nan")
    await tap(sam, texts.REL_GRANDPARENT)
    await sam.sees("Are you in touch with <3 Nan now?")
    await tap(sam, texts.BTN_YES)
    await tap(sam, texts.BTN_YES)
    await tap(sam, texts.BTN_INNER)
    await sam.says("31/02")
    await sam.sees("I could not read that date")
    await sam.says("25/12")
    notice = await sam.sees(texts.WORRY_NOTICE)
    assert notice.text.startswith(texts.WORRY_NOTICE)
    await tap(sam, texts.BTN_NO)
    await sam.sees("I have added <3 Nan to your circle")
    await tap(sam, texts.BTN_MY_CIRCLE)
    picture = await sam.sees(texts.CIRCLE_CAPTION)
    assert picture.photo is not None
    assert imread(io.BytesIO(picture.photo), format="png").shape[0] >= 900
    async with sandbox.sessionmaker() as session:
        nan = await session.scalar(select(Connection))
        nudges = list(await session.scalars(select(Nudge.kind)))
    assert nan is not None and nan.name == "<3 Nan" and nan.closeness == Closeness.inner
    assert nan.birthday is not None and (nan.birthday.month, nan.birthday.day) == (12, 25)
    assert NudgeKind.contact_asked in nudges


async def test_a_worry_tells_her_worker_and_sam_is_never_asked_why(sandbox: ChatSandbox) -> None:
    _, _, coordinator = await council(sandbox)
    sam = await referred(sandbox)
    await allocate(sandbox, sam, coordinator)
    await sam.says("/mypeople")
    await tap(sam, texts.BTN_ADD_PERSON)
    await sam.says("Dad")
    await tap(sam, texts.REL_DAD)
    for _ in range(2):
        await tap(sam, texts.BTN_SKIP)
    await tap(sam, texts.BTN_OUTER)
    await tap(sam, texts.BTN_SKIP)
    await tap(sam, texts.BTN_YES)
    await sam.sees("Your worker will know")
    async with sandbox.sessionmaker() as session:
        dad = await session.scalar(select(Connection))
        worry = await session.scalar(
            select(Nudge).where(Nudge.kind == NudgeKind.worried_about_person)
        )
    assert dad is not None and dad.safety_concern and dad.safety_note is None
    assert (dad.in_touch, dad.wants_contact, dad.birthday) == (None, None, None)
    # As the chat promised, her worker knows: a nudge for the day's digest, not an alarm.
    assert worry is not None and worry.coordinator_id == coordinator.id
    assert worry.urgency == Urgency.normal


async def test_found_is_not_shown_until_they_agree(sandbox: ChatSandbox) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    record = await record_of(sandbox, sam)
    assert record is not None
    now = sandbox.clock.now()
    async with sandbox.sessionmaker.begin() as session:
        uncle = Connection(
            organisation_id=record.organisation_id,
            young_person_id=record.id,
            name="Uncle Dev",
            relationship_label="aunt_uncle",
            category=ConnectionCategory.family,
            named_by=NamedBy.coordinator,
            status=ConnectionStatus.contacted,
            status_changed_at=now,
            created_at=now,
        )
        session.add(uncle)
    await sam.says("/mypeople")
    listing = await sam.sees(texts.NO_PEOPLE_YET)
    assert "Dev" not in listing.text
    await sam.says("/mycircle")
    await sam.sees(texts.CIRCLE_EMPTY)
    async with sandbox.sessionmaker.begin() as session:
        found = await session.get_one(Connection, uncle.id)
        found.status = ConnectionStatus.agreed
    await sam.says("/mypeople")
    await sam.sees("Uncle Dev")


async def test_sam_changes_and_removes_someone_after_one_check(sandbox: ChatSandbox) -> None:
    await council(sandbox)
    sam = await referred(sandbox)
    await sam.says("/mypeople")
    await tap(sam, texts.BTN_ADD_PERSON)
    await sam.says("Jo")
    await tap(sam, texts.REL_FRIEND)
    await tap(sam, texts.BTN_YES)
    await tap(sam, texts.BTN_NO)
    await tap(sam, texts.BTN_MIDDLE)
    await tap(sam, texts.BTN_SKIP)
    await tap(sam, texts.BTN_SKIP)
    await sam.sees("I have added Jo")
    await sam.says("/mypeople")
    await tap(sam, "Change Jo")
    await tap(sam, texts.BTN_NAME)
    await sam.says("Jojo")
    await sam.sees("I have changed that for Jojo")
    await sam.says("/mypeople")
    await tap(sam, "Change Jojo")
    await tap(sam, texts.BTN_CLOSENESS)
    await tap(sam, texts.BTN_INNER)
    await sam.sees("I have changed that for Jojo")
    async with sandbox.sessionmaker() as session:
        jojo = await session.scalar(select(Connection))
    assert jojo is not None and (jojo.name, jojo.closeness) == ("Jojo", Closeness.inner)
    await sam.says("/mypeople")
    await tap(sam, "Remove Jojo")
    await tap(sam, texts.BTN_NO_KEEP)
    await sam.sees("Jojo stays in your circle")
    await sam.taps("Remove Jojo")
    await sam.sees("Take Jojo out of your circle?")
    await tap(sam, texts.BTN_YES_REMOVE)
    await sam.sees("Jojo is not in your circle now")
    async with sandbox.sessionmaker() as session:
        jo = await session.scalar(select(Connection))
    assert jo is not None and jo.status == ConnectionStatus.ended
