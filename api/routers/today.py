"""`GET /v1/today`: what needs this coordinator now."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Audit, Caseworker, Now, SessionDep
from api.schemas.checkins import CheckInRead
from api.schemas.today import ReviewDueRead, TodayRead
from api.views import checkin_read, meeting_read, nudge_read, referral_read
from models.nudges.today import today_for

router = APIRouter(tags=["today"])


@router.get("/today", summary="What needs me now", response_model=TodayRead)
async def today(session: SessionDep, user: Caseworker, audit: Audit, now: Now) -> TodayRead:
    """Open nudges (urgent first), overdue check-ins, meetings and reviews in the next 7 days,
    and referrals waiting on you (for a manager: waiting for triage or allocation)."""
    found = await today_for(session=session, now=now, user=user)
    seen: set[int] = set()
    for nudge in found.nudges:
        audit("read", "nudge", nudge.id, nudge.young_person_id)
    for checkin in found.overdue_checkins:
        audit("read", "check_in", checkin.id, checkin.young_person_id)
    for meeting in found.meetings:
        audit("read", "meeting", meeting.id, meeting.young_person_id)
    for person in found.reviews_due:
        if person.id not in seen:
            seen.add(person.id)
            audit("read", "young_person", person.id, person.id)
    for referral in found.referrals_waiting:
        audit("read", "referral", referral.id, referral.young_person_id)
    await session.commit()
    overdue: list[CheckInRead] = [checkin_read(c) for c in found.overdue_checkins]
    return TodayRead(
        nudges=[nudge_read(n) for n in found.nudges],
        overdue_check_ins=overdue,
        meetings=[meeting_read(m) for m in found.meetings],
        reviews_due=[
            ReviewDueRead(
                young_person_id=p.id,
                preferred_name=p.preferred_name,
                review_due_on=p.review_due_on,
            )
            for p in found.reviews_due
        ],
        referrals_waiting=[referral_read(r) for r in found.referrals_waiting],
    )
