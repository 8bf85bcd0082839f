"""Rows to response shapes, where a shape needs more than the row's own columns."""

from __future__ import annotations

from collections.abc import Sequence

from api.schemas.admin import UserRead
from api.schemas.checkins import CheckInAnswerRead, CheckInRead
from api.schemas.connections import ConnectionRead
from api.schemas.meetings import MeetingRead
from api.schemas.nudges import NudgeRead
from api.schemas.referrals import ReferralRead
from api.schemas.young_people import YoungPersonRead
from models.checkins.checkin import CheckIn, CheckInAnswer
from models.meetings.meeting import Meeting
from models.network.connection import Connection
from models.network.tracing import allowed_connection_moves
from models.nudges.nudge import Nudge
from models.referrals.journey import allowed_targets
from models.referrals.referral import Referral
from models.staff.user import User
from models.young_people.young_person import YoungPerson
from texts.staff import nudge_title


def young_person_read(person: YoungPerson) -> YoungPersonRead:
    return YoungPersonRead.model_validate(
        {
            **{
                name: getattr(person, name)
                for name in YoungPersonRead.model_fields
                if hasattr(person, name)
            },
            "telegram_linked": person.telegram_chat_id is not None,
        }
    )


def referral_read(referral: Referral) -> ReferralRead:
    return ReferralRead.model_validate(
        {
            **{n: getattr(referral, n) for n in ReferralRead.model_fields if n != "allowed_moves"},
            "allowed_moves": sorted(allowed_targets(referral.status)),
        }
    )


def connection_read(connection: Connection) -> ConnectionRead:
    return ConnectionRead.model_validate(
        {
            **{
                n: getattr(connection, n)
                for n in ConnectionRead.model_fields
                if n != "allowed_moves"
            },
            "allowed_moves": sorted(allowed_connection_moves(connection.status)),
        }
    )


def attendees_text(names: Sequence[str] | None) -> str | None:
    return "\n".join(names) if names else None


def meeting_read(meeting: Meeting) -> MeetingRead:
    return MeetingRead(
        id=meeting.id,
        young_person_id=meeting.young_person_id,
        kind=meeting.kind,
        scheduled_at=meeting.scheduled_at,
        held_at=meeting.held_at,
        cancelled_at=meeting.cancelled_at,
        attendees=[n for n in (meeting.attendees or "").split("\n") if n],
        notes=meeting.notes,
    )


def checkin_read(checkin: CheckIn, answers: Sequence[CheckInAnswer] = ()) -> CheckInRead:
    return CheckInRead.model_validate(
        {
            **{n: getattr(checkin, n) for n in CheckInRead.model_fields if n != "answers"},
            "answers": [CheckInAnswerRead.model_validate(a) for a in answers],
        }
    )


def nudge_read(nudge: Nudge) -> NudgeRead:
    return NudgeRead.model_validate(
        {
            **{n: getattr(nudge, n) for n in NudgeRead.model_fields if n != "title"},
            "title": nudge_title(nudge.kind),
        }
    )


def user_read(user: User) -> UserRead:
    return UserRead(
        id=user.id,
        email=user.email,
        display_name=user.display_name,
        role=user.role,
        manager_id=user.manager_id,
        totp_enrolled=user.totp_enrolled_at is not None,
        telegram_linked=user.telegram_chat_id is not None,
        on_duty=user.on_duty,
        disabled_at=user.disabled_at,
        created_at=user.created_at,
    )
