"""The signed-in account, and the one-time link that brings nudges to a coordinator's Telegram."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from sqlalchemy import select

from models import AuditEvent
from models.core.enums import ActorKind, InviteKind
from models.referrals.invites import consume_invite


async def test_cara_links_her_telegram_for_nudges(client, world, sessionmaker, clock):
    me = await client.get("/v1/me", headers=world.auth("cara"))
    assert me.json()["role"] == "coordinator" and me.json()["telegram_linked"] is False
    link = await client.post("/v1/me/telegram-link", headers=world.auth("cara"))
    assert link.status_code == 201
    code = parse_qs(urlparse(link.json()["link"]).query)["start"][0]
    async with sessionmaker() as session:
        invite = await consume_invite(session=session, now=clock.now(), code=code)
    assert invite.kind == InviteKind.coordinator and invite.user_id == world.ids["cara"]
    async with sessionmaker() as session:
        [event] = await session.scalars(select(AuditEvent).where(AuditEvent.action == "create"))
    assert (event.actor_kind, event.actor_user_id, event.organisation_id) == (
        ActorKind.user,
        world.ids["cara"],
        world.ids["north_org"],
    )
    assert (event.entity, event.entity_id, event.route) == (
        "invite_code",
        invite.id,
        "POST /v1/me/telegram-link",
    )


async def test_an_admin_gets_no_telegram_link(client, world):
    answer = await client.post("/v1/me/telegram-link", headers=world.auth("admin"))
    assert answer.status_code == 403
