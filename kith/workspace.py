"""Wiring the coordinator's workspace into the API's server: one process, one port, its own
path (/workspace), its own pages' security headers."""

from __future__ import annotations

from datetime import timedelta

from fastapi import FastAPI

from kith.demo.playground import DEMO_COORDINATOR_EMAIL, DEMO_SLUG
from kith.settings import Settings
from models.core.clock import Clock
from workspace.app import create_workspace
from workspace.context import WorkspaceContext

WORKSPACE_PATH = "/workspace"


def workspace_context(
    settings: Settings, sessionmaker: object, clock: Clock, *, demo_sign_in_code: str | None = None
) -> WorkspaceContext:
    return WorkspaceContext(
        sessionmaker=sessionmaker,  # type: ignore[arg-type]
        clock=clock,
        # A browser keeps a Secure cookie only over HTTPS: off only for a developer's laptop.
        secure_cookies=settings.environment != "development",
        require_totp=settings.require_totp,
        idle_timeout=timedelta(minutes=settings.workspace_idle_minutes),
        demo_sign_in=(demo_sign_in_code, DEMO_COORDINATOR_EMAIL, DEMO_SLUG)
        if demo_sign_in_code
        else None,
    )


def mount_workspace(app: FastAPI, context: WorkspaceContext) -> None:
    # No name: the workspace finds its own pages by name (workspace.rendering.link).
    app.mount(WORKSPACE_PATH, create_workspace(context))
