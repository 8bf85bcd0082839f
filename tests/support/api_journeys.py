"""Short ways along the journey through the API, for API tests: what a manager does first."""

from __future__ import annotations

from typing import Any

from models import YoungPerson
from tests.support.records import give_all_consents


async def allocated_to_cara(client: Any, world: Any, sessionmaker: Any, clock: Any) -> int:
    """Sam with every consent, referred by her social worker, accepted and allocated to Cara."""
    async with sessionmaker() as session:
        sam = await session.get_one(YoungPerson, world.ids["sam"])
        await give_all_consents(session, clock.now(), sam)
        await session.commit()
    referral = await client.post(
        "/v1/referrals",
        json={"young_person_id": world.ids["sam"], "source": "social_worker"},
        headers=world.auth("manager"),
    )
    rid: int = referral.json()["id"]
    for body in ({"to": "accepted"}, {"to": "allocated", "coordinator_id": world.ids["cara"]}):
        assert (
            await client.post(
                f"/v1/referrals/{rid}/moves", json=body, headers=world.auth("manager")
            )
        ).status_code == 201
    return rid
