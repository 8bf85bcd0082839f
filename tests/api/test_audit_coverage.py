"""Every route that returns or changes a young person's data writes an audit event.

The list of routes comes from the app itself, so a new route that forgets to audit fails here.
"""

from __future__ import annotations

from sqlalchemy import select

from models import AuditEvent, YoungPerson
from tests.api.routes import casework_routes, example_body, path_for
from tests.support.records import every_record

ORDER = {"GET": 0, "POST": 1, "PATCH": 1, "DELETE": 2}


async def test_every_casework_route_writes_an_audit_event(app, client, world, sessionmaker, clock):
    async with sessionmaker() as session:
        sam = await session.get_one(YoungPerson, world.ids["sam"])
        ids = await every_record(session, clock.now(), sam)
        await session.commit()
    ids |= {"manager_id": world.ids["manager"]}
    calls = sorted(casework_routes(app), key=lambda c: ORDER[c.method])
    assert len(calls) >= 30
    missing, failed = [], []
    for call in calls:
        async with sessionmaker() as session:
            before = await session.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()))
        answer = await client.request(
            call.method,
            path_for(call, ids),
            json=example_body(app, call, ids),
            headers=world.auth("manager"),
        )
        if answer.status_code >= 500 or (call.method == "GET" and answer.status_code >= 400):
            failed.append((call.name, answer.status_code, answer.text[:200]))
        async with sessionmaker() as session:
            events = (
                await session.scalars(
                    select(AuditEvent).where(
                        AuditEvent.id > (before or 0), AuditEvent.route == call.name
                    )
                )
            ).all()
        if not events or any(e.actor_user_id != world.ids["manager"] for e in events):
            missing.append(call.name)
    assert failed == []
    assert missing == []


async def test_audit_events_hold_no_field_values(client, world, sessionmaker):
    await client.patch(
        f"/v1/young-people/{world.ids['sam']}",
        json={"legal_name": "Samantha Secret-Surname"},
        headers=world.auth("cara"),
    )
    async with sessionmaker() as session:
        events = (await session.scalars(select(AuditEvent))).all()
    assert events
    for event in events:
        row = " ".join(str(getattr(event, c.key)) for c in AuditEvent.__table__.columns)
        assert "Secret" not in row
