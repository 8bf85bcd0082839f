"""Property-based tests from the OpenAPI document (schemathesis): with a valid token, no
request answers 5xx, and every response matches its documented status, type and schema."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from api.app import ApiContext, create_app
from models import YoungPerson
from models.core.clock import ManualClock
from models.core.db import make_sessionmaker
from models.core.enums import Role
from models.staff.tokens import issue_token
from tests.support import factories
from tests.support.records import every_record

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
TOKENS: dict[str, str] = {}
# Bounded so the suite stays quick: the explicit examples, then a few generated cases per
# operation (valid and invalid); the exhaustive coverage phase is for a manual run.
CONFIG = SchemathesisConfig.from_dict(
    {
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
        "generation": {"max-examples": 5, "deterministic": True},
    }
)


def _fresh_engine(url: str) -> AsyncEngine:
    # No pool: the test client runs the app on an event loop of its own, per request.
    return create_async_engine(url, poolclass=NullPool)


async def _seed(url: str, clock: ManualClock) -> dict[str, str]:
    engine = _fresh_engine(url)
    now = clock.now()
    try:
        async with make_sessionmaker(engine)() as session:
            north = await factories.organisation(session, now, "northshire")
            manager = await factories.user(session, now, north, Role.manager)
            admin = await factories.user(session, now, north, Role.admin)
            sam = await factories.young_person(session, now, north, "Sam", manager)
            await every_record(session, now, await session.get_one(YoungPerson, sam.id))
            tokens = {
                "manager": (await issue_token(session=session, now=now, user=manager)).plaintext,
                "admin": (await issue_token(session=session, now=now, user=admin)).plaintext,
            }
            await session.commit()
    finally:
        await engine.dispose()
    return tokens


@pytest.fixture
def kith_schema(database_url: str, clock: ManualClock) -> Iterator[schemathesis.BaseSchema]:
    with ThreadPoolExecutor(max_workers=1) as pool:
        TOKENS.update(pool.submit(asyncio.run, _seed(database_url, clock)).result())
    engine = _fresh_engine(database_url)
    app = create_app(
        ApiContext(sessionmaker=make_sessionmaker(engine), clock=clock, login_slowdown_seconds=0)
    )
    loaded = schemathesis.openapi.from_asgi("/openapi.json", app, config=CONFIG)
    # Signing out would end the token every other case uses.
    yield loaded.exclude(path="/v1/auth/logout")
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, engine.dispose()).result()


schema = schemathesis.pytest.from_fixture("kith_schema")


@schema.parametrize()
@settings(max_examples=5, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_documented_promises(case):
    who = "admin" if case.path.startswith(("/v1/admin", "/v1/audit")) else "manager"
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKENS[who]}"}, checks=CHECKS)
