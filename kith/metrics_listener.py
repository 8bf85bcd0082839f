"""The metrics listener (KITH_METRICS_ADDRESS): /metrics and nothing else, on an address of
its own that only the scraper reaches, started and stopped with the API."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AsyncExitStack

from api.metrics import Metrics, metrics_app
from bot.sandbox.server import bind, serving


class MetricsListener:
    name = "metrics"

    def __init__(self, host: str, port: int, metrics: Callable[[], Metrics]) -> None:
        self.host = host
        self.port = port
        self.metrics = metrics  # read at start: the API's own registry
        self._stack = AsyncExitStack()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/metrics"

    async def start(self) -> None:
        sock = bind(self.host, self.port)
        served = await self._stack.enter_async_context(
            serving(metrics_app(self.metrics()), sock, lifespan="off")
        )
        self.port = served.port

    async def stop(self) -> None:
        await self._stack.aclose()
