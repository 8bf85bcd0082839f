"""Sam's own people: naming, changing, removing; found is not shown (rule 1)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from models import Connection, Nudge
from models.core.clock import ManualClock
from models.core.enums import (
    Closeness,
    ConnectionCategory,
    ConnectionStatus,
    NamedBy,
    NudgeKind,
    Urgency,
)
from models.core.scoping import NotFoundError
from models.network.people import (
    PersonDetails,
    PersonNameError,
    change_person,
    clean_name,
    name_person,
    remove_person,
    visible_people,
)
from tests.support import factories


def nan(**overrides: object) -> PersonDetails:
    values: dict[str, object] = dict(
        name="Nan",
        relationship="grandparent",
        in_touch=True,
        wants_contact=False,
        closeness=Closeness.inner,
        birthday=date(1950, 6, 1),
        worried=False,
    )
    values.update(overrides)
    return PersonDetails(**values)  # type: ignore[arg-type]


async def test_sam_names_her_nan_and_sees_her(session, clock: ManualClock) -> None:
    org = await factories.organisation(session, clock.now())
    sam = await factories.young_person(session, clock.now(), org)
    person = await name_person(session=session, now=clock.now(), young_person=sam, details=nan())
    assert person.status == ConnectionStatus.named
    assert person.category == ConnectionCategory.family
    assert [p.name for p in await visible_people(session=session, young_person=sam)] == ["Nan"]


async def test_found_is_not_shown_until_agreed(session, clock: ManualClock) -> None:
    org = await factories.organisation(session, clock.now())
    sam = await factories.young_person(session, clock.now(), org)
    found = Connection(
        organisation_id=org.id,
        young_person_id=sam.id,
        name="Uncle Dev",
        relationship_label="aunt_uncle",
        category=ConnectionCategory.family,
        named_by=NamedBy.coordinator,
        status=ConnectionStatus.safety_checked,
        status_changed_at=clock.now(),
        created_at=clock.now(),
    )
    session.add(found)
    await session.flush()
    assert await visible_people(session=session, young_person=sam) == []
    with pytest.raises(NotFoundError):
        await remove_person(
            session=session, now=clock.now(), young_person=sam, connection_id=found.id
        )
    found.status = ConnectionStatus.agreed
    await session.flush()
    assert [p.name for p in await visible_people(session=session, young_person=sam)] == [
        "Uncle Dev"
    ]


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (ConnectionStatus.named, True),
        (ConnectionStatus.located, True),
        (ConnectionStatus.agreed, True),
        (ConnectionStatus.unsafe, False),
        (ConnectionStatus.declined, False),
        (ConnectionStatus.ended, False),
    ],
)
async def test_someone_sam_named_is_hidden_once_found_unsafe_or_they_declined(
    session, clock: ManualClock, status: ConnectionStatus, shown: bool
) -> None:
    org = await factories.organisation(session, clock.now())
    sam = await factories.young_person(session, clock.now(), org)
    dad = await name_person(
        session=session, now=clock.now(), young_person=sam, details=nan(name="Dad")
    )
    dad.status = status
    await session.flush()
    assert [p.name for p in await visible_people(session=session, young_person=sam)] == (
        ["Dad"] if shown else []
    )
    if not shown:
        with pytest.raises(NotFoundError):
            await change_person(
                session=session, now=clock.now(), young_person=sam, connection_id=dad.id, name="D"
            )


async def test_wanting_contact_and_a_worry_each_nudge_the_coordinator(
    session, clock: ManualClock
) -> None:
    org = await factories.organisation(session, clock.now())
    sam = await factories.young_person(session, clock.now(), org)
    dad = await name_person(
        session=session,
        now=clock.now(),
        young_person=sam,
        details=nan(name="Dad", relationship="dad", wants_contact=True, worried=True),
    )
    assert dad.safety_concern is True and dad.safety_note is None
    nudges = list(await session.scalars(select(Nudge).order_by(Nudge.id)))
    assert [n.kind for n in nudges] == [NudgeKind.contact_asked, NudgeKind.worried_about_person]
    worry = nudges[1]
    assert worry.urgency == Urgency.normal and f"#{dad.id}" in (worry.detail or "")


async def test_sam_changes_and_removes_a_person(session, clock: ManualClock) -> None:
    org = await factories.organisation(session, clock.now())
    sam = await factories.young_person(session, clock.now(), org)
    person = await name_person(session=session, now=clock.now(), young_person=sam, details=nan())
    await change_person(
        session=session,
        now=clock.now(),
        young_person=sam,
        connection_id=person.id,
        name="Nana Jo",
        closeness=Closeness.outer,
    )
    assert (person.name, person.closeness) == ("Nana Jo", Closeness.outer)
    await remove_person(session=session, now=clock.now(), young_person=sam, connection_id=person.id)
    assert person.status == ConnectionStatus.ended
    assert await visible_people(session=session, young_person=sam) == []


async def test_another_young_persons_people_are_out_of_reach(session, clock: ManualClock) -> None:
    org = await factories.organisation(session, clock.now())
    sam = await factories.young_person(session, clock.now(), org)
    alex = await factories.young_person(session, clock.now(), org, name="Alex")
    person = await name_person(session=session, now=clock.now(), young_person=sam, details=nan())
    with pytest.raises(NotFoundError):
        await change_person(
            session=session, now=clock.now(), young_person=alex, connection_id=person.id, name="X"
        )


def test_names_keep_emoji_and_every_script_but_not_control_characters() -> None:
    assert clean_name("  <3   Nan \x00") == "<3 Nan"
    assert clean_name("جدتي") == "جدتي"
    with pytest.raises(PersonNameError):
        clean_name(" \u200b\n ")
    with pytest.raises(PersonNameError):
        clean_name("x" * 61)
