"""Maya, the team manager, works the referrals board: Jo's referral waits in 'received'; she
sets it urgent, accepts it and allocates it to Cara; a decline without a reason is refused
beside the field; Cara (a coordinator) cannot allocate."""

from __future__ import annotations

from sqlalchemy import select

from models.core.enums import Priority, ReferralSource, ReferralStatus
from models.referrals.intake import create_referral
from models.referrals.referral import Referral
from models.staff.organisation import Organisation
from models.young_people.young_person import YoungPerson


async def _referral_for_jo(sessionmaker, clock, council) -> int:
    async with sessionmaker() as session:
        organisation = await session.get_one(Organisation, council.ids["north"])
        jo = await session.get_one(YoungPerson, council.ids["jo"])
        referral = await create_referral(
            session=session,
            now=clock.now(),
            organisation=organisation,
            young_person=jo,
            source=ReferralSource.social_worker,
        )
        await session.commit()
        return referral.id


async def test_maya_triages_and_allocates_a_referral(
    desk_for, sessionmaker, clock, council, session
) -> None:
    referral_id = await _referral_for_jo(sessionmaker, clock, council)
    maya = desk_for("maya")
    await maya.sign_in()
    board = await maya.get("/referrals")
    received = board.text.split('id="col-received"')[1].split("</section>")[0]
    assert "Jo" in received and "0 days at this step" in received
    page = f"/referrals/{referral_id}"
    await maya.post(f"{page}/priority", {"priority": "urgent"}, page=page)
    no_reason = await maya.post(
        f"{page}/moves", {"seen_status": "received", "to": "declined", "reason": ""}, page=page
    )
    assert no_reason.status_code == 409
    assert 'id="f-reason-error">Give a reason' in no_reason.text
    await maya.post(f"{page}/moves", {"seen_status": "received", "to": "accepted"}, page=page)
    no_one = await maya.post(
        f"{page}/moves", {"seen_status": "accepted", "to": "allocated"}, page=page
    )
    assert 'id="f-coordinator_id-error">' in no_one.text
    done = await maya.post(
        f"{page}/moves",
        {"seen_status": "accepted", "to": "allocated", "coordinator_id": str(council.ids["cara"])},
        page=page,
    )
    assert done.status_code == 200
    referral = await session.scalar(select(Referral).where(Referral.id == referral_id))
    assert referral.status == ReferralStatus.allocated
    assert referral.priority == Priority.urgent
    jo = await session.get_one(YoungPerson, council.ids["jo"])
    assert jo.coordinator_id == council.ids["cara"]


async def test_a_coordinator_cannot_accept_a_referral(desk_for, sessionmaker, clock, council):
    referral_id = await _referral_for_jo(sessionmaker, clock, council)
    dan = desk_for("dan")
    await dan.sign_in()
    page = f"/referrals/{referral_id}"
    shown = await dan.get(page)
    assert 'value="accepted"' not in shown.text  # not offered to a coordinator
    refused = await dan.post(
        f"{page}/moves", {"seen_status": "received", "to": "accepted"}, page=page
    )
    assert refused.status_code == 409
    assert "Only a team manager can move this to &#39;accepted&#39;" in refused.text
