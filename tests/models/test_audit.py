"""A request's audit events go in with its commit, in one INSERT, or not at all."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models.audit import AuditBatch, AuditEvent
from models.core.clock import ManualClock
from models.core.enums import ActorKind
from tests.support import factories


async def audited(sessionmaker: async_sessionmaker[AsyncSession]) -> list[AuditEvent]:
    async with sessionmaker() as session:
        return list(await session.scalars(select(AuditEvent).order_by(AuditEvent.id)))


async def test_the_batch_is_written_when_the_request_commits(
    sessionmaker: async_sessionmaker[AsyncSession], clock: ManualClock
) -> None:
    async with sessionmaker() as session:
        org = await factories.organisation(session, clock.now())
        coordinator = await factories.user(session, clock.now(), org)
        sam = await factories.young_person(session, clock.now(), org)
        await session.commit()
        batch = AuditBatch(session)
        for entity in ("young_person", "connection", "timeline"):
            batch.add(
                now=clock.now(),
                actor_kind=ActorKind.user,
                actor_user_id=coordinator.id,
                organisation_id=org.id,
                action="read",
                entity=entity,
                entity_id=sam.id,
                young_person_id=sam.id,
                route="GET /v1/young-people/{young_person_id}",
            )
        assert batch.pending == 3
        assert await audited(sessionmaker) == []  # nothing before the commit
        await session.commit()
        assert batch.pending == 0
        # A second commit in the same request writes only what came after the first.
        batch.add(
            now=clock.now(),
            actor_kind=ActorKind.user,
            actor_user_id=coordinator.id,
            organisation_id=org.id,
            action="update",
            entity="young_person",
            entity_id=sam.id,
            young_person_id=sam.id,
            route="PATCH /v1/young-people/{young_person_id}",
        )
        await session.commit()
    events = await audited(sessionmaker)
    assert [(e.action, e.entity) for e in events] == [
        ("read", "young_person"),
        ("read", "connection"),
        ("read", "timeline"),
        ("update", "young_person"),
    ]
    first = events[0]
    assert (first.actor_kind, first.actor_user_id, first.organisation_id) == (
        ActorKind.user,
        coordinator.id,
        org.id,
    )
    assert (first.young_person_id, first.at, first.outcome) == (sam.id, clock.now(), "ok")


async def test_a_rolled_back_request_leaves_no_audit(
    sessionmaker: async_sessionmaker[AsyncSession], clock: ManualClock
) -> None:
    async with sessionmaker() as session:
        org = await factories.organisation(session, clock.now())
        await session.commit()
        batch = AuditBatch(session)
        await session.scalar(select(func.count()).select_from(AuditEvent))  # the request reads
        batch.add(
            now=clock.now(),
            actor_kind=ActorKind.user,
            organisation_id=org.id,
            action="read",
            entity="young_person",
            route="GET /v1/young-people",
        )
        await session.rollback()
        assert batch.pending == 0
        await session.commit()  # a later commit in the same session does not bring them back
    async with sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(AuditEvent)) == 0
