"""Conventions every response keeps: problem+json errors, security headers, limits, docs."""

from __future__ import annotations

import httpx
from fastapi import APIRouter

from api.app import ApiContext, create_app

HEADERS = {
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "strict-transport-security": "max-age=63072000; includeSubDomains",
}


async def test_errors_are_problem_documents_naming_the_field(client, world):
    unknown = await client.get("/v1/nothing-here", headers=world.auth("cara"))
    wrong_method = await client.put("/v1/today", headers=world.auth("cara"))
    invalid = await client.post(
        "/v1/young-people", json={"cohort": "in_care"}, headers=world.auth("cara")
    )
    not_json = await client.post(
        "/v1/young-people",
        content=b"{not json",
        headers=world.auth("cara") | {"content-type": "application/json"},
    )
    huge_id = await client.get("/v1/young-people/99999999999999999999", headers=world.auth("cara"))
    for answer, status in (
        (unknown, 404),
        (wrong_method, 405),
        (invalid, 422),
        (not_json, 422),
        (huge_id, 422),
    ):
        assert answer.status_code == status
        assert answer.headers["content-type"] == "application/problem+json"
        problem = answer.json()
        assert problem["status"] == status and problem["title"] and problem["detail"]
    assert invalid.json()["errors"][0]["field"] == "body.preferred_name"
    assert invalid.json()["detail"].startswith("body.preferred_name:")


async def test_every_response_carries_the_security_headers(client, world):
    for answer in (
        await client.get("/healthz"),
        await client.get("/v1/today", headers=world.auth("cara")),
        await client.get("/v1/today"),
    ):
        for name, value in HEADERS.items():
            assert answer.headers[name] == value


async def test_bodies_and_strings_are_bounded(client, world):
    too_big = await client.post(
        "/v1/young-people",
        content=b"{" + b" " * 70_000 + b"}",
        headers=world.auth("cara") | {"content-type": "application/json"},
    )
    assert too_big.status_code == 413
    assert too_big.headers["content-type"] == "application/problem+json"

    async def chunks():
        for _ in range(20):
            yield b" " * 5_000

    streamed = await client.post(
        "/v1/young-people",
        content=chunks(),
        headers=world.auth("cara") | {"content-type": "application/json"},
    )
    assert streamed.status_code == 413
    long_name = await client.post(
        "/v1/young-people",
        json={"preferred_name": "x" * 101, "cohort": "in_care"},
        headers=world.auth("cara"),
    )
    assert long_name.status_code == 422 and "preferred_name" in long_name.json()["detail"]
    nul = await client.post(
        "/v1/young-people",
        json={"preferred_name": "Sam\x00", "cohort": "in_care"},
        headers=world.auth("cara"),
    )
    assert nul.status_code == 422


async def test_health_readiness_and_metrics(client, world):
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    assert (await client.get("/readyz")).json() == {"status": "ok"}
    # Metrics are off unless the operator turns them on (tests/api/test_metrics.py).
    assert (await client.get("/metrics")).status_code == 404


async def test_the_openapi_document_is_complete(app):
    document = app.openapi()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            where = f"{method.upper()} {path}"
            assert operation.get("summary"), where
            assert "500" in operation["responses"], where
            for code, response in operation["responses"].items():
                if code[0] in "45":
                    assert "application/problem+json" in response["content"], (where, code)
                for media, content in response.get("content", {}).items():
                    if media in ("application/json", "application/problem+json"):
                        assert "example" in content, (where, code, media)
            if "requestBody" in operation and path.startswith("/v1/") and "auth" not in path:
                ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
                schema = document["components"]["schemas"][ref.rsplit("/", 1)[1]]
                assert schema.get("examples"), where
                assert schema.get("additionalProperties") is False, where


async def test_production_hides_the_docs_and_never_shows_a_trace(sessionmaker, clock):
    context = ApiContext(sessionmaker=sessionmaker, clock=clock, production=True)
    app = create_app(context)
    broken = APIRouter()

    @broken.get("/v1/broken")
    async def fail() -> None:
        raise RuntimeError("secret internals")

    app.include_router(broken)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://kith.test") as client:
        assert (await client.get("/docs")).status_code == 404
        assert (await client.get("/openapi.json")).status_code == 404
        crash = await client.get("/v1/broken")
    assert crash.status_code == 500
    assert crash.headers["content-type"] == "application/problem+json"
    assert "secret" not in crash.text and "Traceback" not in crash.text
    assert crash.headers["x-content-type-options"] == "nosniff"


async def test_docs_are_served_outside_production(client):
    docs = await client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
