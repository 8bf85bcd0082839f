"""The `kith` command line: run, scheduler, migrate, organisations, users, keys."""

from __future__ import annotations

import asyncio
import contextlib
import getpass
import sys
from typing import Annotated, Literal

import typer

from kith import language_commands, report_commands
from kith import migrate as migrations
from kith.audit_commands import audit
from kith.logs import setup_logging
from kith.runtime import refuse_to_start_without_a_bot, serve
from kith.settings import Settings, load_settings
from kith.system import build_system
from models.core import crypto
from models.core.enums import Role
from models.staff.accounts import (
    AccountError,
    create_organisation,
    create_user,
    organisation_by_slug,
)
from models.staff.passwords import WeakPasswordError

app = typer.Typer(help="Kith: a chat companion for Lifelong Links.", no_args_is_help=True)
orgs = typer.Typer(help="Organisations (councils).", no_args_is_help=True)
users = typer.Typer(help="Staff accounts.", no_args_is_help=True)
keys = typer.Typer(help="Encryption keys.", no_args_is_help=True)
app.add_typer(orgs, name="orgs")
app.add_typer(users, name="users")
app.add_typer(keys, name="keys")
app.add_typer(audit, name="audit")


LogLevel = Annotated[
    Literal["DEBUG", "INFO", "WARNING", "ERROR"] | None,
    typer.Option(
        "--log-level",
        case_sensitive=False,
        help="Kith's own log lines from this level (default: KITH_LOG_LEVEL, or INFO); "
        "libraries log warnings and errors only.",
    ),
]


def _settings(log_level: str | None = None) -> Settings:
    settings = load_settings()
    if log_level is not None:
        settings = settings.model_copy(update={"log_level": log_level.upper()})
    setup_logging(settings.log_level)
    return settings


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(code)


@app.command()
def run(log_level: LogLevel = None) -> None:
    """Migrate the database if needed and start Kith."""
    settings = _settings(log_level)
    refuse_to_start_without_a_bot(settings)
    migrations.upgrade(settings.database_url)
    system = build_system(settings)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(system))


@app.command()
def scheduler(log_level: LogLevel = None) -> None:
    """Run only the scheduler (for deployments with several API workers; migrate first)."""
    from kith.scheduling import run_scheduler_alone

    settings = _settings(log_level)
    system = build_system(settings)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run_scheduler_alone(system))


@app.command()
def migrate(
    revision: Annotated[str, typer.Argument(help="Target revision")] = "head",
) -> None:
    """Bring the database schema up to date."""
    settings = _settings()
    migrations.upgrade(settings.database_url, revision)
    typer.echo(f"Database at revision {revision}.")


@orgs.command("add")
def orgs_add(
    slug: Annotated[str, typer.Argument(help="Short id, e.g. 'northshire'")],
    name: Annotated[str, typer.Argument(help="The council's name")],
) -> None:
    """Add an organisation."""
    settings = _settings()

    async def go() -> int:
        system = build_system(settings)
        try:
            async with system.sessionmaker.begin() as session:
                organisation = await create_organisation(
                    session=session, now=system.clock.now(), name=name, slug=slug
                )
                return organisation.id
        finally:
            await system.engine.dispose()

    try:
        org_id = asyncio.run(go())
    except AccountError as exc:
        raise _fail(str(exc), 2) from None
    typer.echo(f"Organisation '{slug}' added (id {org_id}).")


@users.command("add")
def users_add(
    org: Annotated[str, typer.Option("--org", help="Organisation slug")],
    email: Annotated[str, typer.Option("--email")],
    role: Annotated[Role, typer.Option("--role")],
    name: Annotated[str, typer.Option("--name", help="Display name")] = "",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input")
    ] = False,
) -> None:
    """Add a staff account (asks for the password)."""
    settings = _settings()
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != password:
            raise _fail("the two passwords differ", 2)

    async def go() -> int:
        system = build_system(settings)
        try:
            async with system.sessionmaker.begin() as session:
                organisation = await organisation_by_slug(session=session, slug=org)
                user = await create_user(
                    session=session,
                    now=system.clock.now(),
                    organisation=organisation,
                    email=email,
                    display_name=name or email,
                    role=role,
                    password=password,
                )
                return user.id
        finally:
            await system.engine.dispose()

    try:
        user_id = asyncio.run(go())
    except (AccountError, WeakPasswordError) as exc:
        raise _fail(str(exc), 2) from None
    typer.echo(f"User {email} added as {role.value} (id {user_id}).")


@keys.command("new")
def keys_new() -> None:
    """Print a new encryption key (put it first in KITH_ENCRYPTION_KEYS to rotate)."""
    typer.echo(crypto.new_key())


app.command("report")(report_commands.report)
app.command("languages")(language_commands.languages)
app.command("demo-data")(report_commands.demo_data)


def main() -> None:
    app()
