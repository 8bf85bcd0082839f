"""`kith audit security`: every refused sign-in and throttle across the deployment, for the
operator (a council's admin sees their own accounts' part in GET /v1/audit)."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from typing import Annotated

import typer

from kith.settings import load_settings
from kith.system import build_system
from models.staff.sign_in_log import RefusedSignIn, refused_sign_ins

audit = typer.Typer(help="The audit trail, as the operator reads it.", no_args_is_help=True)


def _line(row: RefusedSignIn) -> str:
    councils = ",".join(row.councils) or "(no account)"
    at = row.at.isoformat(timespec="seconds")
    return f"{at}  {row.outcome.value:<9}  {row.address:<39}  {row.email}  {councils}"


@audit.command("security")
def security(
    days: Annotated[int, typer.Option("--days", min=1, max=3650, help="How far back")] = 7,
    limit: Annotated[int, typer.Option("--limit", min=1, max=100_000)] = 500,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line")] = False,
) -> None:
    """Refused sign-ins (failed, disabled, locked, throttled), newest first, every council."""
    system = build_system(load_settings())

    async def go() -> list[RefusedSignIn]:
        try:
            async with system.sessionmaker() as session:
                since = system.clock.now() - timedelta(days=days)
                return await refused_sign_ins(session=session, since=since, limit=limit)
        finally:
            await system.engine.dispose()

    rows = asyncio.run(go())
    for row in rows:
        if as_json:
            typer.echo(
                json.dumps(
                    {
                        "at": row.at.isoformat(),
                        "outcome": row.outcome.value,
                        "email": row.email,
                        "address": row.address,
                        "councils": list(row.councils),
                    }
                )
            )
        else:
            typer.echo(_line(row))
    if not as_json:
        kinds = sorted({row.outcome.value for row in rows})
        typer.echo(
            f"{len(rows)} refused sign-ins in the last {days} days ({', '.join(kinds) or 'none'})."
        )
