"""Every operation in the OpenAPI document, every string, date, id and cursor it takes, fed
what an attacker would send: NUL, lone surrogates, overlong text, dates at the ends of time
and numbers where dates belong, forged cursors, ids written oddly. Nothing answers 5xx;
bad text and odd ids are refused with 422 at the edge. On SQLite and PostgreSQL."""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import quote, urlencode

import pytest

from models import User, YoungPerson
from tests.support.records import every_record

NUL, SURROGATE = "Sam\x00", "Sam\ud800"
TEXT = [NUL, SURROGATE, "x" * 20_000]
MOMENTS = [
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00",
    "2026-02-30T10:00:00Z",
    "2.1e-111",
    0,
    2.1e-111,
    -(2**63),
]
DAYS = ["0001-01-01", "9999-12-31", "2026-13-01", 0, 20260302]
ODD_IDS = ["1.0", "+1", "0001", "-1", "1e3", "99999999999999999999", " 1"]
BODY_IDS = [1.0, True, "1", 2**64, -1]


FORM = "application/x-www-form-urlencoded"


def _quoted(value: Any) -> str:
    return quote(str(value), safe="", errors="surrogatepass")


def _cursor(value: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


CURSORS = [
    _cursor(["0001-01-01T00:00:00+14:00", 1]),
    _cursor(["9999-12-31T23:59:59-14:00", 1]),
    _cursor(["9999-12-31T23:59:59-14:00"]),
    _cursor([2**80]),
    _cursor(["\u0000", 1]),
    "!!not base64!!",
    _cursor({"a": 1}),
]


def _resolve(schema: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _kinds(schema: dict[str, Any], document: dict[str, Any]) -> set[str]:
    """'text', 'moment', 'day', 'id' or 'list': what hostile values this field gets."""
    schema = _resolve(schema, document)
    options = schema.get("anyOf", [schema])
    kinds: set[str] = set()
    for option in (_resolve(o, document) for o in options):
        kind, form = option.get("type"), option.get("format")
        if kind == "string":
            kinds.add({"date-time": "moment", "date": "day"}.get(form, "text"))
        elif kind == "integer":
            kinds.add("id")
        elif kind == "array":
            kinds.add("list")
    return kinds


def _hostile(kinds: set[str], where: str) -> list[tuple[Any, str]]:
    """(value, what it must get): 'edge' is 422 exactly, 'no5xx' anything below 500."""
    values: list[tuple[Any, str]] = []
    if "text" in kinds:
        values += [(NUL, "edge"), (SURROGATE, "edge"), (TEXT[2], "no5xx")]
    if "moment" in kinds:
        values += [(v, "refused") for v in MOMENTS]
    if "day" in kinds:
        values += [(v, "refused") for v in DAYS]
    if "id" in kinds:
        values += [(v, "refused") for v in (ODD_IDS if where != "body" else BODY_IDS)]
    if "list" in kinds:
        values += [([NUL], "edge"), ([SURROGATE], "edge")]
    return values


def _base_body(schema: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    schema = _resolve(schema, document)
    if schema.get("examples"):
        return dict(schema["examples"][0])
    return {
        name: "Sam"
        for name, prop in schema.get("properties", {}).items()
        if name in schema.get("required", [])
    }


@pytest.fixture
async def ids(world, sessionmaker, clock) -> dict[str, int]:
    async with sessionmaker() as session:
        sam = await session.get_one(YoungPerson, world.ids["sam"])
        found = await every_record(session, clock.now(), sam)
        await session.commit()
        dan = await session.get_one(User, world.ids["dan"])
    return {**found, "user_id": dan.id}


async def test_no_input_makes_any_operation_answer_5xx(app, client, world, ids):
    document = (await client.get("/openapi.json")).json()
    failures: list[str] = []
    sent = 0
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if path in ("/v1/auth/logout",) or method not in ("get", "post", "patch", "delete"):
                continue
            who = "admin" if path.startswith(("/v1/admin", "/v1/audit")) else "manager"
            headers = world.auth(who)
            real_path = path
            for name, value in ids.items():
                real_path = real_path.replace("{" + name + "}", str(value))
            cases: list[tuple[str, str, Any, str]] = []  # (where, name, value, expectation)
            for parameter in operation.get("parameters", []):
                name, where = parameter["name"], parameter["in"]
                if where not in ("path", "query"):
                    continue
                kinds = _kinds(parameter["schema"], document)
                values = [(c, "refused") for c in CURSORS] if name == "cursor" else []
                values += _hostile(kinds, where)
                cases += [(where, name, value, want) for value, want in values]
            body_schema, media = None, None
            for media, content in operation.get("requestBody", {}).get("content", {}).items():
                body_schema = content["schema"]
            base: dict[str, Any] = {}
            if body_schema is not None:
                base = _base_body(body_schema, document)
                for name, prop in _resolve(body_schema, document).get("properties", {}).items():
                    cases += [
                        ("body", name, value, want)
                        for value, want in _hostile(_kinds(prop, document), "body")
                    ]
            for where, name, value, want in cases:
                url, body = real_path, dict(base)
                if where != "body" and value == SURROGATE:
                    # A URL or a form carries bytes: a surrogate's bytes are not UTF-8, and
                    # are read as U+FFFD; anything but a 5xx will do.
                    want = "no5xx"
                if where == "path":
                    url = path.replace("{" + name + "}", _quoted(value))
                    for other, real in ids.items():
                        url = url.replace("{" + other + "}", str(real))
                elif where == "query":
                    url += "?" + urlencode({name: value}, errors="surrogatepass")
                else:
                    body[name] = value
                kwargs: dict[str, Any] = {"headers": headers}
                if body_schema is not None:
                    if media == "application/x-www-form-urlencoded":
                        if value == SURROGATE:
                            want = "no5xx"
                        kwargs["content"] = urlencode(
                            {k: str(v) for k, v in body.items()}, errors="surrogatepass"
                        )
                        kwargs["headers"] = {**headers, "Content-Type": FORM}
                    else:
                        kwargs["content"] = json.dumps(body)
                        kwargs["headers"] = {**headers, "Content-Type": "application/json"}
                answer = await client.request(method.upper(), url, **kwargs)
                sent += 1
                status = answer.status_code
                wrong = (
                    status >= 500
                    or (want == "edge" and status != 422)
                    or (want == "refused" and not 400 <= status < 500)
                )
                if wrong or (
                    status >= 400 and "problem+json" not in answer.headers["content-type"]
                ):
                    failures.append(
                        f"{method.upper()} {path} {where}.{name}={value!r:.60}: {status}"
                    )
    print(f"{sent} hostile requests")
    assert sent > 500
    assert failures == [], "\n".join(failures[:40])
