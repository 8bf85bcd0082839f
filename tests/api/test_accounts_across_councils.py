"""An email is unique within a council only: creating an account says nothing about other
councils' accounts, and a person with accounts in two councils signs in to the right one."""

from __future__ import annotations

import pyotp

from models.core.enums import Role
from models.staff.organisation import Organisation
from tests.support import factories
from tests.support.factories import PASSWORD

PASSPHRASE = "a long temporary passphrase"
SOUTH_EMAIL = "coordinator.southshire@example.org"  # Southshire's coordinator (the world)
PAT = "pat@example.org"


async def _add(client, world, email: str):
    return await client.post(
        "/v1/admin/users",
        json={"email": email, "display_name": "Pat", "role": "coordinator", "password": PASSPHRASE},
        headers=world.auth("admin"),
    )


async def test_an_email_used_in_another_council_is_no_clash_and_no_clue(client, world):
    created = await _add(client, world, SOUTH_EMAIL)
    assert created.status_code == 201, created.text
    again = await _add(client, world, SOUTH_EMAIL.upper())
    assert again.status_code == 409
    assert "already exists in this organisation" in again.json()["detail"]


async def test_a_person_with_accounts_in_two_councils_signs_in_to_each(
    client, world, clock, sessionmaker
):
    ids = {}
    async with sessionmaker() as session:
        for slug in ("northshire", "southshire"):
            council = await session.get_one(Organisation, world.ids[f"{slug[:5]}_org"])
            pat = await factories.user(session, clock.now(), council, Role.coordinator, PAT)
            ids[slug] = pat.id
        await session.commit()
    both = await client.post("/v1/auth/totp/enrol", data={"username": PAT, "password": PASSWORD})
    assert both.status_code == 422 and "organisation" in both.json()["detail"]
    for slug, pat_id in ids.items():
        enrolled = await client.post(
            "/v1/auth/totp/enrol",
            data={"username": PAT, "password": PASSWORD, "organisation": slug},
        )
        assert enrolled.status_code == 200, enrolled.text
        code = pyotp.TOTP(enrolled.json()["secret"]).at(clock.now())
        # The code tells the two accounts apart; no need to name the council.
        token = await client.post(
            "/v1/auth/token", data={"username": PAT, "password": PASSWORD, "totp_code": code}
        )
        assert token.status_code == 200, token.text
        me = await client.get(
            "/v1/me", headers={"Authorization": f"Bearer {token.json()['access_token']}"}
        )
        assert me.json()["id"] == pat_id
