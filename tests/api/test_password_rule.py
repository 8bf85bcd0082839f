"""An admin adding or resetting an account is held to the one password rule
(models.staff.passwords): told why in words they can act on, nothing stored."""

from __future__ import annotations


async def test_an_admin_is_told_why_a_password_will_not_do(client, world):
    for password, why in (
        ("password1234", "most common"),
        ("jo.bloggs for ever", "the name in your email"),
    ):
        refused = await client.post(
            "/v1/admin/users",
            json={
                "email": "jo.bloggs@example.org",
                "display_name": "Jo Bloggs",
                "role": "coordinator",
                "password": password,
            },
            headers=world.auth("admin"),
        )
        assert refused.status_code == 422, refused.text
        assert refused.json()["detail"].startswith("body.password: ") and why in refused.text
    accounts = await client.get("/v1/admin/users", headers=world.auth("admin"))
    assert "jo.bloggs@example.org" not in accounts.text


async def test_a_reset_is_held_to_the_rule_too(client, world):
    reset = await client.post(
        f"/v1/admin/users/{world.ids['dan']}/reset",
        json={"password": "dan is great 2026"},
        headers=world.auth("admin"),
    )
    assert reset.status_code == 422 and "the name in your email" in reset.json()["detail"]
    fine = await client.post(
        f"/v1/admin/users/{world.ids['dan']}/reset",
        json={"password": "kettle lantern orchard"},
        headers=world.auth("admin"),
    )
    assert fine.status_code == 200
