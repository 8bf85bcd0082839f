"""The app's own routes, with a request for each built from its OpenAPI examples."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI

# Routes about the signed-in account, accounts and the audit trail itself: no young person's data.
NOT_CASEWORK = re.compile(r"^/v1/(auth/|me$|me/|admin/|audit$)")


@dataclass(frozen=True)
class RouteCall:
    method: str
    template: str

    @property
    def name(self) -> str:
        return f"{self.method} {self.template}"

    def params(self) -> list[str]:
        return re.findall(r"{(\w+)}", self.template)


def v1_routes(app: FastAPI) -> list[RouteCall]:
    """Every /v1 operation the app serves (its OpenAPI document lists them all)."""
    return [
        RouteCall(method.upper(), path)
        for path, item in app.openapi()["paths"].items()
        if path.startswith("/v1/")
        for method in item
    ]


def casework_routes(app: FastAPI) -> list[RouteCall]:
    return [call for call in v1_routes(app) if not NOT_CASEWORK.match(call.template)]


def example_body(app: FastAPI, call: RouteCall, ids: dict[str, int]) -> dict[str, Any] | None:
    """The route's request-body example, with references pointed at real records."""
    operation = app.openapi()["paths"][call.template][call.method.lower()]
    body = operation.get("requestBody")
    if body is None:
        return None
    ref = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    example = dict(app.openapi()["components"]["schemas"][ref]["examples"][0])
    for name in ("young_person_id", "connection_id", "manager_id"):
        if name in example and name in ids:
            example[name] = ids[name]
    return example


def path_for(call: RouteCall, ids: dict[str, int]) -> str:
    return re.sub(r"{(\w+)}", lambda m: str(ids[m.group(1)]), call.template)
