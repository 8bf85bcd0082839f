"""The coordinator's workspace: server-rendered pages on the same domain functions as the API.

Mounted by `kith` inside the API's server at /workspace. An adapter like bot/ and api/: every
rule it follows lives in models/, and it imports neither of them. Pages are HTML rendered here
from templates in this package, styled by one stylesheet from this package: nothing is fetched
from anywhere else, and every page works without JavaScript.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from models.core.scoping import NotFoundError
from texts.catalog import t
from texts.workspace import PAGE_ERRORS
from workspace.context import WorkspaceContext
from workspace.desk import NotYoursError, SignInNeededError, StaleFormError, sign_in_url
from workspace.pages import PAGE_ROUTERS
from workspace.rendering import render

STATIC = Path(__file__).parent / "static"


def create_workspace(context: WorkspaceContext) -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None, debug=False)
    app.state.workspace = context
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in PAGE_ROUTERS:
        app.include_router(router)
    install_error_pages(app)
    return app


def _error_page(request: Request, status: int, key: str) -> Response:
    return render(
        request,
        "error.html",
        status_code=status,
        heading=t(None, PAGE_ERRORS[key + "_title"]),
        message=t(None, PAGE_ERRORS[key]),
    )


def install_error_pages(app: FastAPI) -> None:
    @app.exception_handler(SignInNeededError)
    async def sign_in_needed(request: Request, exc: SignInNeededError) -> Response:
        # A form sent after the session ended comes back to the page it was on.
        next_path = exc.next_path
        if request.method != "GET":
            next_path = request.headers.get("x-kith-page", "") or _page_of(request)
        return RedirectResponse(sign_in_url(request, next_path, exc.reason), status_code=303)

    @app.exception_handler(NotYoursError)
    async def not_yours(request: Request, exc: NotYoursError) -> Response:
        return _error_page(request, 403, "not_yours")

    @app.exception_handler(StaleFormError)
    async def stale(request: Request, exc: StaleFormError) -> Response:
        return _error_page(request, 400, "stale_form")

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        return _error_page(request, 404, "not_found")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return _error_page(request, 400, "bad_address")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 404:
            return _error_page(request, 404, "not_found")
        return _error_page(request, exc.status_code, "bad_address")


def _page_of(request: Request) -> str:
    """Where a refused form was: the page it posts to lives beside the page it is on."""
    referer = request.headers.get("referer", "")
    root = str(request.base_url).rstrip("/") + request.scope.get("root_path", "")
    if referer.startswith(root):
        return referer[len(root) :] or "/"
    return "/"
