"""A complete OpenAPI document: every error response of every route is a documented problem."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api.problems import PROBLEM_JSON, Problem

Responses = dict[int | str, dict[str, Any]]
WHY = {
    "400": "The body cannot be read (not UTF-8 or not JSON)",
    "401": "Not signed in, or the token is unknown, expired or revoked",
    "403": "Your role may not do this",
    "404": "Not found (or out of your reach: the two answer alike)",
    "409": "Conflicts with the record's state; the detail names both states or what is missing",
    "413": "The request body is too large",
    "422": "The request is not valid; the detail names the field",
    "429": "Too many failed sign-ins; try again later",
    "500": "Our fault; logged, never shown",
}


def _problem_ref(code: str, description: str | None = None) -> dict[str, Any]:
    return {
        "description": description or WHY.get(code, "Error"),
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def _complete(operation: dict[str, Any], path: str) -> None:
    responses: dict[str, Any] = operation["responses"]
    secured = bool(operation.get("security"))
    codes = {code for code in responses if code[0] in "45"}
    codes |= {"422", "500"}
    if secured:
        codes |= {"401", "403", "404"}
    if "{" in path:
        codes.add("404")
    if "requestBody" in operation:
        codes |= {"400", "413"}
    for code in sorted(codes):
        given = responses.get(code, {})
        responses[code] = _problem_ref(code, given.get("description"))


_SAMPLE_STRINGS = {
    "date-time": "2026-03-02T10:00:00Z",
    "date": "2026-03-02",
    "binary": "",
}


def _sample(schema: dict[str, Any], schemas: dict[str, Any], depth: int = 0) -> Any:
    """An example value built from a schema, for responses that name none of their own."""
    if "$ref" in schema:
        return _sample(schemas[schema["$ref"].rsplit("/", 1)[1]], schemas, depth)
    if schema.get("examples"):
        return schema["examples"][0]
    if "enum" in schema:
        return schema["enum"][0]
    if "anyOf" in schema:
        options = [o for o in schema["anyOf"] if o.get("type") != "null"]
        return _sample(options[0], schemas, depth) if options else None
    kind = schema.get("type")
    if kind == "object" and depth < 6:
        return {
            name: _sample(sub, schemas, depth + 1)
            for name, sub in schema.get("properties", {}).items()
        }
    if kind == "array" and depth < 6:
        return [_sample(schema.get("items", {}), schemas, depth + 1)]
    if kind == "integer":
        return max(1, int(schema.get("minimum", 1)))
    if kind == "number":
        return 1.0
    if kind == "boolean":
        return True
    if kind == "string":
        return _SAMPLE_STRINGS.get(schema.get("format", ""), schema.get("title", "text").lower())
    return None


def _add_examples(operation: dict[str, Any], schemas: dict[str, Any]) -> None:
    for code, response in operation["responses"].items():
        for media, content in response.get("content", {}).items():
            if "example" in content or "examples" in content or "schema" not in content:
                continue
            if code.startswith("2") and media == "application/json":
                content["example"] = _sample(content["schema"], schemas)
            elif media == PROBLEM_JSON:
                content["example"] = {
                    "type": "about:blank",
                    "title": HTTPStatus(int(code)).phrase,
                    "status": int(code),
                    "detail": WHY.get(code, "Error"),
                }


def install_openapi(app: FastAPI) -> None:
    def build() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        document = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(problem.pop("$defs", {}))
        schemas["Problem"] = problem
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
        for path, item in document["paths"].items():
            for operation in item.values():
                _complete(operation, path)
                _add_examples(operation, schemas)
        app.openapi_schema = document
        return document

    app.openapi = build  # type: ignore[method-assign]
