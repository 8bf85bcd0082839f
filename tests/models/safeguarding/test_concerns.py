"""A clear reading raises a concern; detect_danger is recognition in its older shape."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models import Nudge
from models.core.enums import NudgeKind, NudgeState, Urgency
from models.safeguarding.concerns import detect_danger, raise_concern
from tests.support import factories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("I want to KILL myself!!", "suicide"),
        ("i dont want to live anymore", "suicide"),
        ("I don’t want to be alive", "suicide"),
        ("my step dad hits me", "abuse"),
        ("he touched me and said not to tell", "sexual_abuse"),
        ("they make me carry drugs, county lines", "exploitation"),
        ("I'm going to run away tonight", "running_away"),
        ("i feel unsafe at home", "unsafe"),
        ("been cutting myself again", "self_harm"),
    ],
)
def test_danger_is_found(text, category):
    match = detect_danger(text)
    assert match is not None and match.category == category


@pytest.mark.parametrize("text", ["hi", "my nan makes the best cake", "whitman poems", "skill"])
def test_ordinary_words_are_not_danger(text):
    assert detect_danger(text) is None


async def test_a_concern_is_an_urgent_open_nudge(session, clock):
    org = await factories.organisation(session, clock.now())
    sam = await factories.young_person(session, clock.now(), org)
    match = detect_danger("I am not safe")
    await raise_concern(
        session=session,
        now=clock.now(),
        young_person=sam,
        message_text="I am not safe",
        match=match,
    )
    nudge = await session.scalar(select(Nudge))
    assert (nudge.kind, nudge.urgency, nudge.state) == (
        NudgeKind.concern,
        Urgency.urgent,
        NudgeState.open,
    )
