"""`GET /v1/today`: what needs this coordinator now."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from api.schemas.checkins import CheckInRead
from api.schemas.meetings import MeetingRead
from api.schemas.nudges import NudgeRead
from api.schemas.referrals import ReferralRead


class ReviewDueRead(BaseModel):
    young_person_id: int
    preferred_name: str
    review_due_on: date


class TodayRead(BaseModel):
    nudges: list[NudgeRead]
    overdue_check_ins: list[CheckInRead]
    meetings: list[MeetingRead]
    reviews_due: list[ReviewDueRead]
    referrals_waiting: list[ReferralRead]
