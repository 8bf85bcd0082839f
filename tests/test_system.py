"""What `kith run` starts: the playground only without a token; polling or webhook by setting."""

from __future__ import annotations

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from kith.playground import Playground
from kith.runtime import build_runtime, describe
from kith.settings import load_settings
from kith.system import System
from models.core.clock import ManualClock
from tests.chat.fixtures import TEST_KEY


def system(
    database_url: str,
    sessionmaker: async_sessionmaker[AsyncSession],
    clock: ManualClock,
    **settings: object,
) -> System:
    loaded = load_settings(
        _env_file=None,
        **{"environment": "test", **settings},
        database_url=database_url,
        encryption_keys=TEST_KEY,
    )
    return System(loaded, sessionmaker.kw["bind"], sessionmaker, clock)


async def test_with_a_token_the_bot_talks_to_telegram_and_no_playground_starts(
    database_url: str, sessionmaker: async_sessionmaker[AsyncSession], clock: ManualClock
) -> None:
    configured = system(database_url, sessionmaker, clock, telegram_token="123:abc")
    runtime = build_runtime(configured)
    assert runtime.playground is None
    assert [service.name for service in runtime.services] == ["bot", "scheduler"]
    assert runtime.bot.mode == "polling"
    assert runtime.bot.application.bot.base_url == "https://api.telegram.org/bot123:abc"
    lines = describe(configured.settings, None)
    assert any("TELEGRAM MODE" in line for line in lines)
    assert not any("PLAYGROUND" in line for line in lines)


async def test_without_a_token_the_playground_runs_first(
    database_url: str, sessionmaker: async_sessionmaker[AsyncSession], clock: ManualClock
) -> None:
    configured = system(database_url, sessionmaker, clock)
    runtime = build_runtime(configured, playground_port=0)
    assert isinstance(runtime.playground, Playground)
    assert [service.name for service in runtime.services] == ["playground", "bot", "scheduler"]
    assert runtime.bot.application.bot.base_url.startswith(runtime.playground.base_url)
    lines = describe(configured.settings, runtime.playground)
    assert any(line.startswith("PLAYGROUND MODE") for line in lines)
    assert any(runtime.playground.url in line for line in lines)


async def test_a_webhook_url_switches_to_webhook_mode(
    database_url: str, sessionmaker: async_sessionmaker[AsyncSession], clock: ManualClock
) -> None:
    configured = system(
        database_url,
        sessionmaker,
        clock,
        telegram_token="123:abc",
        webhook_url="https://kith.example.org/telegram/hook",
        webhook_secret="s3cret",
    )
    runtime = build_runtime(configured)
    assert runtime.bot.mode == "webhook"
    assert runtime.bot.application.updater is None
    webhook = runtime.bot.webhook()
    assert webhook is not None and webhook.path == "/telegram/hook"
    transport = httpx.ASGITransport(app=runtime.app)  # no lifespan: nothing is started
    async with httpx.AsyncClient(transport=transport, base_url="http://kith") as client:
        answer = await client.post("/telegram/hook", json={"update_id": 1})
    assert answer.status_code == 403, "the route is there, and refuses a post without the secret"


async def test_kith_run_serves_the_workspace_at_its_own_path_unless_turned_off(
    database_url: str, sessionmaker: async_sessionmaker[AsyncSession], clock: ManualClock
) -> None:
    def mounted(configured: object) -> list[str]:
        runtime = build_runtime(configured, playground_port=0)  # type: ignore[arg-type]
        return [getattr(route, "path", "") for route in runtime.app.routes]

    assert "/workspace" in mounted(system(database_url, sessionmaker, clock))
    assert "/workspace" not in mounted(system(database_url, sessionmaker, clock, workspace=False))
    lines = describe(system(database_url, sessionmaker, clock).settings, None)
    assert "Coordinator workspace: http://127.0.0.1:8000/workspace/" in lines


async def test_production_without_a_token_refuses_to_start_and_never_seeds_the_demo(
    database_url: str, sessionmaker: async_sessionmaker[AsyncSession], clock: ManualClock
) -> None:
    import pytest
    from sqlalchemy import func, select

    from kith.runtime import StartRefusedError
    from models import Organisation

    configured = system(database_url, sessionmaker, clock, environment="production")
    with pytest.raises(StartRefusedError) as refused:
        build_runtime(configured, playground_port=0)
    line = str(refused.value)
    assert "\n" not in line and "KITH_TELEGRAM_TOKEN" in line and "KITH_API_ONLY" in line
    async with sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(Organisation)) == 0


async def test_api_only_runs_no_bot_no_scheduler_and_says_so(
    database_url: str, sessionmaker: async_sessionmaker[AsyncSession], clock: ManualClock
) -> None:
    configured = system(database_url, sessionmaker, clock, environment="production", api_only=True)
    runtime = build_runtime(configured)
    assert (runtime.bot, runtime.playground, runtime.services) == (None, None, [])
    lines = describe(configured.settings, None)
    assert any(line.startswith("API ONLY") for line in lines)
    assert not any("PLAYGROUND" in line for line in lines)
    transport = httpx.ASGITransport(app=runtime.app)
    async with (
        runtime.app.router.lifespan_context(runtime.app),
        httpx.AsyncClient(transport=transport, base_url="http://kith") as client,
    ):
        assert (await client.get("/healthz")).status_code == 200


async def test_metrics_on_an_address_of_their_own_are_not_on_the_public_port(
    database_url: str, sessionmaker: async_sessionmaker[AsyncSession], clock: ManualClock
) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    configured = system(
        database_url, sessionmaker, clock, api_only=True, metrics_address=f"127.0.0.1:{port}"
    )
    runtime = build_runtime(configured)
    assert [service.name for service in runtime.services] == ["metrics"]
    transport = httpx.ASGITransport(app=runtime.app)
    async with (
        runtime.app.router.lifespan_context(runtime.app),
        httpx.AsyncClient(transport=transport, base_url="http://kith") as api,
        httpx.AsyncClient() as scraper,
    ):
        await api.get("/healthz")
        assert (await api.get("/metrics")).status_code == 404
        scraped = await scraper.get(f"http://127.0.0.1:{port}/metrics")
        assert scraped.status_code == 200
        assert 'route="/healthz"' in scraped.text
        assert (await scraper.get(f"http://127.0.0.1:{port}/healthz")).status_code == 404
    assert any(f"127.0.0.1:{port}/metrics" in line for line in describe(configured.settings, None))
