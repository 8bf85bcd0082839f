"""`kith report` and `kith demo-data`: the programme report from the command line, and a
fictional cohort to show it on.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kith.demo import build_demo_cohort
from kith.logs import setup_logging
from kith.settings import load_settings
from kith.system import build_system
from models.audit import record_audit
from models.core.enums import ActorKind, Role
from models.reports import (
    ReportPeriodError,
    build_programme_report,
    parse_period,
    to_csv,
    to_image,
    to_json,
)
from models.staff.accounts import (
    AccountError,
    create_organisation,
    create_user,
    organisation_by_slug,
)


class ReportFormat(StrEnum):
    json = "json"
    csv = "csv"
    pdf = "pdf"
    png = "png"


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(code)


def report(
    org: Annotated[str, typer.Option("--org", help="Organisation slug")],
    first: Annotated[str, typer.Option("--from", help="First day, e.g. 2026-04-01")],
    last: Annotated[str, typer.Option("--to", help="Last day (inclusive), e.g. 2027-03-31")],
    fmt: Annotated[ReportFormat, typer.Option("--format", help="json (exact), csv, pdf, png")] = (
        ReportFormat.csv
    ),
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write (default: stdout; pdf/png: a file)"),
    ] = None,
) -> None:
    """The programme report (DfE return and outcomes) for one organisation and period.

    CSV, PDF and PNG suppress counts from 1 to 4 ("<5"); JSON is exact and not for publication.
    """
    settings = load_settings()
    setup_logging(settings.log_level)
    try:
        period = parse_period(first, last)
    except ReportPeriodError as exc:
        raise _fail(str(exc)) from None

    async def go() -> bytes:
        system = build_system(settings)
        try:
            async with system.sessionmaker.begin() as session:
                organisation = await organisation_by_slug(session=session, slug=org)
                now = system.clock.now()
                built = await build_programme_report(
                    session=session,
                    now=now,
                    organisation=organisation,
                    first=period.first,
                    last=period.last,
                )
                record_audit(
                    session=session,
                    now=now,
                    actor_kind=ActorKind.system,
                    action="export" if fmt != ReportFormat.json else "read",
                    entity="programme_report",
                    route=f"cli:kith report --format {fmt.value}",
                    organisation_id=organisation.id,
                )
        finally:
            await system.engine.dispose()
        if fmt == ReportFormat.json:
            return json.dumps(to_json(built), indent=2).encode() + b"\n"
        if fmt == ReportFormat.csv:
            return to_csv(built).encode()
        return to_image(built, "pdf" if fmt == ReportFormat.pdf else "png")

    try:
        content = asyncio.run(go())
    except (AccountError, ReportPeriodError) as exc:
        raise _fail(str(exc)) from None
    if output is None and fmt in (ReportFormat.pdf, ReportFormat.png):
        output = Path(f"programme-report-{org}-{period.first}-{period.last}.{fmt.value}")
    if output is None:
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return
    output.write_bytes(content)
    typer.echo(f"Report written to {output}", err=True)


def demo_data(
    org: Annotated[str, typer.Option("--org", help="Slug of the new demo organisation")] = "demo",
    young_people: Annotated[int, typer.Option("--young-people", min=1, max=5000)] = 120,
    until: Annotated[
        str, typer.Option("--until", help="Last day of the demo history (default: today)")
    ] = "",
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same cohort")] = 7,
) -> None:
    """Create a fictional organisation with a realistic cohort (no real names) to try reports on."""
    settings = load_settings()
    setup_logging(settings.log_level)
    try:
        end = date.fromisoformat(until) if until else None
    except ValueError:
        raise _fail(f"--until must look like 2026-11-01 (got '{until}')") from None
    password = secrets.token_urlsafe(12)

    async def go() -> tuple[int, dict[str, int]]:
        system = build_system(settings)
        try:
            async with system.sessionmaker.begin() as session:
                now = system.clock.now()
                organisation = await create_organisation(
                    session=session, now=now, name=f"{org.title()} Council (fictional)", slug=org
                )
                manager = await create_user(
                    session=session,
                    now=now,
                    organisation=organisation,
                    email=f"manager@{org}.example",
                    display_name="Demo manager",
                    role=Role.manager,
                    password=password,
                )
                for n in range(1, 5):
                    await create_user(
                        session=session,
                        now=now,
                        organisation=organisation,
                        email=f"coordinator{n}@{org}.example",
                        display_name=f"Demo coordinator {n}",
                        role=Role.coordinator,
                        password=secrets.token_urlsafe(16),
                        manager_id=manager.id,
                    )
                summary = await build_demo_cohort(
                    session=session,
                    organisation=organisation,
                    until=end or now.date(),
                    young_people=young_people,
                    seed=seed,
                )
                return summary.young_people, summary.by_status
        finally:
            await system.engine.dispose()

    try:
        made, by_status = asyncio.run(go())
    except AccountError as exc:
        raise _fail(str(exc)) from None
    shown = ", ".join(f"{status} {count}" for status, count in sorted(by_status.items()))
    typer.echo(f"Demo organisation '{org}': {made} fictional young people ({shown}).")
    typer.echo(f"Manager: manager@{org}.example, password {password} (shown once).")
