"""The known cohort: nine young people in Northshire (and one elsewhere), whose every
report figure for 1 April to 30 September 2026 is worked out by hand in test_programme.py.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from models import Organisation
from models.core.enums import CheckInState, Cohort, ConnectionStatus, MeasureKind, ReferralSource
from models.core.enums import ReferralStatus as S
from tests.support import factories
from tests.support.report_journeys import Journey, noon

NETWORK, SDQ, MOVE = MeasureKind.network_size, MeasureKind.sdq_total, MeasureKind.placement_move
AGREED = ConnectionStatus.agreed


async def build_known_cohort(session: AsyncSession) -> Organisation:
    org = await factories.organisation(session, noon("2024-01-01"))
    elsewhere = await factories.organisation(session, noon("2024-01-01"), slug="southshire")

    # Ava: referred in April, conference in June; networks, SDQ, check-ins all recorded.
    ava = await Journey.start(
        session,
        org,
        name="Ava",
        received="2026-04-10",
        age=16,
        born="2010-06-01",
        gender="female",
        ethnicity="WBRI",
        disability=False,
    )
    await ava.to_conference(
        "2026-04-15", "2026-04-20", "2026-05-01", "2026-05-10", "2026-06-01", "2026-06-10"
    )
    await ava.measure(NETWORK, 5, "2026-04-20")
    await ava.measure(NETWORK, 18, "2026-08-01")
    await ava.measure(SDQ, 20, "2026-04-20")
    await ava.measure(SDQ, 14, "2026-09-01")
    for n in range(3):
        await ava.connection(AGREED, "2026-07-01", name=f"agreed {n}")
    await ava.connection(ConnectionStatus.named, "2026-07-01")
    await ava.connection(AGREED, "2026-10-15", name="agreed after the period")
    await ava.check_in("2026-06-24", CheckInState.answered, wellbeing=3)
    await ava.check_in("2026-07-22", CheckInState.answered, wellbeing=4)
    await ava.check_in("2026-09-10", CheckInState.missed)

    # Ben: self-referral, withdrawn by his social worker after the planning meeting.
    ben = await Journey.start(
        session,
        org,
        name="Ben",
        received="2026-04-12",
        source=ReferralSource.self,
        age=17,
        cohort=Cohort.care_leaver,
        gender="Male",
        ethnicity="Black British: African",
        disability=True,
    )
    await ben.move(S.accepted, "2026-04-14")
    await ben.move(S.allocated, "2026-04-24")
    await ben.move(S.planning, "2026-05-20")
    await ben.move(S.withdrawn, "2026-06-01", reason="moved out of area")

    # Cai: declined by the service.
    cai = await Journey.start(
        session, org, name="Cai", received="2026-05-03", age=19, cohort=Cohort.care_leaver
    )
    await cai.move(S.declined, "2026-05-08", reason="already has a family network plan")

    # Dee: opted out after acceptance, came back, allocated.
    dee = await Journey.start(
        session,
        org,
        name="Dee",
        received="2026-06-01",
        source=ReferralSource.coordinator,
        age=22,
        cohort=Cohort.former_care_leaver,
        gender="Female",
        ethnicity="Mixed: White and Asian",
        disability=False,
    )
    await dee.move(S.accepted, "2026-06-03")
    await dee.move(S.opted_out, "2026-06-10")
    await dee.move(S.accepted, "2026-06-20")
    await dee.move(S.allocated, "2026-07-01")

    # Eli: referred himself the day before the period ends; still waiting for triage.
    await Journey.start(
        session,
        org,
        name="Eli",
        received="2026-09-29",
        source=ReferralSource.self,
        age=9,
        gender="male",
        ethnicity="Asian or Asian British: Indian",
    )

    # Fay: referred last October, conference in January, closed in July.
    fay = await Journey.start(session, org, name="Fay", received="2025-10-01", age=15)
    await fay.to_conference(
        "2025-10-05", "2025-10-10", "2025-11-01", "2025-11-15", "2025-12-01", "2026-01-10"
    )
    await fay.move(S.closed, "2026-07-01")
    await fay.measure(NETWORK, 7, "2025-10-10")
    await fay.measure(NETWORK, 26, "2026-03-01")
    await fay.measure(SDQ, 22, "2025-10-10")
    await fay.connection(AGREED, "2026-02-01", name="aunt")
    await fay.connection(AGREED, "2026-02-01", name="cousin")
    await fay.check_in("2026-04-10", CheckInState.answered, wellbeing=2, answered="2026-04-11")
    await fay.check_in("2026-07-10", CheckInState.cancelled)

    # Gus: conference in May 2025; moved placement within the year after it.
    gus = await Journey.start(session, org, name="Gus", received="2025-01-05", age=13)
    await gus.to_conference(
        "2025-01-10", "2025-01-20", "2025-02-01", "2025-03-01", "2025-04-01", "2025-05-15"
    )
    await gus.measure(NETWORK, 6, "2025-02-01")
    await gus.measure(NETWORK, 20, "2026-05-01")
    await gus.measure(SDQ, 25, "2025-02-01")
    await gus.measure(SDQ, 17, "2026-05-01")
    await gus.measure(MOVE, 1, "2025-11-01")
    await gus.check_in("2026-05-15", CheckInState.answered, wellbeing=4, answered="2026-05-16")

    # Hal: conference in August 2025; no move in the year after it (one move later).
    hal = await Journey.start(session, org, name="Hal", received="2025-03-01", age=14)
    await hal.to_conference(
        "2025-03-05", "2025-03-10", "2025-04-01", "2025-05-01", "2025-07-01", "2025-08-20"
    )
    await hal.measure(NETWORK, 8, "2025-03-10")
    await hal.measure(SDQ, 30, "2025-03-10")
    await hal.measure(SDQ, 31, "2026-08-01")
    await hal.measure(MOVE, 1, "2026-09-01")
    await hal.connection(AGREED, "2025-09-01", name="brother")
    await hal.review("2026-06-15")
    await hal.check_in("2026-05-20", CheckInState.missed)
    await hal.check_in("2026-08-20", CheckInState.sent)

    # Isa: a care leaver, conference in June 2025, closed before the period began.
    isa = await Journey.start(
        session, org, name="Isa", received="2025-02-01", age=20, cohort=Cohort.care_leaver
    )
    await isa.to_conference(
        "2025-02-05", "2025-02-10", "2025-03-01", "2025-04-01", "2025-05-01", "2025-06-01"
    )
    await isa.move(S.closed, "2026-02-01")
    await isa.check_in("2026-06-01", CheckInState.cancelled)

    # Jo belongs to another council: nothing of hers may appear in Northshire's report.
    jo = await Journey.start(session, elsewhere, name="Jo", received="2026-05-01", age=15)
    await jo.to_conference(
        "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05", "2026-05-06", "2026-05-07"
    )
    await jo.measure(NETWORK, 2, "2026-05-01")
    await jo.measure(NETWORK, 40, "2026-06-01")
    await session.commit()
    return org
