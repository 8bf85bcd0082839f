"""A young person's answers to a check-in, and the nudges they may raise.

Everything is skippable: a check-in counts as answered when they finish it, whatever they
skipped. Low or falling wellbeing, a commitment "not yet" twice, and a request for contact
each raise a nudge for the coordinator, at the tap that shows it: a young person who stops
halfway has still told us.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.checkins.checkin import CheckIn, CheckInAnswer
from models.core.enums import CheckInState, CommitmentAnswerValue, CommitmentWho, NudgeKind
from models.core.scoping import NotFoundError
from models.meetings.meeting import Commitment
from models.network.connection import Connection
from models.network.people import visible_addressed_to
from models.nudges.raising import raise_nudge
from models.young_people.young_person import YoungPerson
from texts.catalog import t
from texts.chat import BTN_SKIP

ANSWERABLE = (CheckInState.sent, CheckInState.missed)
LOW_WELLBEING = 2
FALL = 2  # a drop this big since the last check-in is worth a look, whatever the face
MAX_FREE_TEXT = 2000
# The check-in message (sent by the scheduler) carries these buttons; the bot answers them.
FACES = ("😞", "🙁", "😐", "🙂", "😄")


def wellbeing_markup(checkin_id: int, skip_label: str) -> dict[str, object]:
    """Five faces, and a skip button that costs the same one tap."""
    faces = [
        {"text": face, "callback_data": f"ci:{checkin_id}:w:{value}"}
        for value, face in enumerate(FACES, start=1)
    ]
    skip = [{"text": skip_label, "callback_data": f"ci:{checkin_id}:w:skip"}]
    return {"inline_keyboard": [faces, skip]}


def checkin_buttons(checkin_id: int, language: str | None) -> dict[str, object]:
    """The faces and Skip that open every check-in, Skip in the young person's language."""
    return wellbeing_markup(checkin_id, t(language, BTN_SKIP))


class CheckInClosedError(ValueError):
    """This check-in cannot take answers (not sent yet, already answered, or cancelled)."""


async def open_checkin(
    *, session: AsyncSession, young_person: YoungPerson, checkin_id: int
) -> CheckIn:
    checkin = await session.scalar(
        select(CheckIn).where(CheckIn.id == checkin_id, CheckIn.young_person_id == young_person.id)
    )
    if checkin is None:
        raise NotFoundError("CheckIn", checkin_id)
    if checkin.state not in ANSWERABLE:
        raise CheckInClosedError(f"check-in {checkin_id} is {checkin.state.value}")
    return checkin


async def plan_commitments(
    *, session: AsyncSession, young_person: YoungPerson, checkin: CheckIn
) -> list[tuple[Commitment, str | None]]:
    """The plan's commitments they may be asked about, with the person's name (rule 1 holds)."""
    if checkin.meeting_id is None:
        return []
    rows = await session.execute(
        select(Commitment, Connection.name)
        .outerjoin(Connection, Connection.id == Commitment.connection_id)
        .where(
            Commitment.meeting_id == checkin.meeting_id,
            Commitment.young_person_id == young_person.id,
            or_(Commitment.who != CommitmentWho.connection, visible_addressed_to()),
        )
        .order_by(Commitment.id)
    )
    return [(commitment, name) for commitment, name in rows]


async def _previous_wellbeing(session: AsyncSession, checkin: CheckIn) -> list[int]:
    """The wellbeing of the last two answered check-ins before this one, latest first."""
    rows = await session.scalars(
        select(CheckIn.wellbeing)
        .where(
            CheckIn.young_person_id == checkin.young_person_id,
            CheckIn.id != checkin.id,
            CheckIn.state == CheckInState.answered,
            CheckIn.wellbeing.is_not(None),
            CheckIn.due_at < checkin.due_at,
        )
        .order_by(CheckIn.due_at.desc())
        .limit(2)
    )
    return [int(w) for w in rows if w is not None]


def worrying_wellbeing(value: int, before: list[int]) -> bool:
    """1-2; or down two or more since last time; or lower at each of the last two check-ins."""
    if value <= LOW_WELLBEING:
        return True
    if before and before[0] - value >= FALL:
        return True
    return len(before) == 2 and value < before[0] < before[1]


async def record_wellbeing(
    *,
    session: AsyncSession,
    now: datetime,
    young_person: YoungPerson,
    checkin: CheckIn,
    value: int,
) -> None:
    """How things are, 1 to 5; low or falling wellbeing nudges the coordinator."""
    if not 1 <= value <= 5:
        raise ValueError("wellbeing is 1 to 5")
    checkin.wellbeing = value
    before = await _previous_wellbeing(session, checkin)
    if worrying_wellbeing(value, before):
        trend = " → ".join(str(w) for w in [*reversed(before), value])
        await raise_nudge(
            session=session,
            now=now,
            kind=NudgeKind.low_wellbeing,
            young_person=young_person,
            detail=f"check-in {checkin.label}: wellbeing {trend} (of 5)",
        )
    await session.flush()


async def record_commitment_answer(
    *,
    session: AsyncSession,
    now: datetime,
    young_person: YoungPerson,
    checkin: CheckIn,
    commitment_id: int,
    answer: CommitmentAnswerValue,
) -> None:
    """Did it happen? A second "not yet" in a row for one commitment nudges the coordinator."""
    plan = await plan_commitments(session=session, young_person=young_person, checkin=checkin)
    allowed = {commitment.id for commitment, _ in plan}
    if commitment_id not in allowed:
        raise NotFoundError("Commitment", commitment_id)
    existing = await session.scalar(
        select(CheckInAnswer).where(
            CheckInAnswer.check_in_id == checkin.id, CheckInAnswer.commitment_id == commitment_id
        )
    )
    if existing is None:
        session.add(
            CheckInAnswer(
                organisation_id=young_person.organisation_id,
                check_in_id=checkin.id,
                commitment_id=commitment_id,
                answer=answer,
                answered_at=now,
            )
        )
    else:
        existing.answer, existing.answered_at = answer, now
    await session.flush()
    if answer != CommitmentAnswerValue.not_yet:
        return
    before = await session.scalar(
        select(CheckInAnswer.answer)
        .join(CheckIn, CheckIn.id == CheckInAnswer.check_in_id)
        .where(
            CheckInAnswer.commitment_id == commitment_id,
            CheckIn.id != checkin.id,
            CheckIn.due_at < checkin.due_at,
        )
        .order_by(CheckIn.due_at.desc())
        .limit(1)
    )
    if before == CommitmentAnswerValue.not_yet:
        await raise_nudge(
            session=session,
            now=now,
            kind=NudgeKind.commitment_not_yet,
            young_person=young_person,
            detail=f"commitment #{commitment_id}: 'not yet' at two check-ins in a row",
        )


async def finish_checkin(
    *,
    session: AsyncSession,
    now: datetime,
    young_person: YoungPerson,
    checkin: CheckIn,
    free_text: str | None,
    wants_contact: bool,
) -> None:
    """Answered, whatever was skipped; asking for contact nudges the coordinator."""
    checkin.state = CheckInState.answered
    checkin.answered_at = now
    if free_text and free_text.strip():
        checkin.free_text = free_text.strip()[:MAX_FREE_TEXT]
    if wants_contact:
        await raise_nudge(
            session=session,
            now=now,
            kind=NudgeKind.contact_asked,
            young_person=young_person,
            detail=f"asked you to get in touch (check-in {checkin.label})",
        )
    await session.flush()
