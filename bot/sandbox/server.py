"""Serving an ASGI app in this event loop on a loopback port: the sandbox in tests and in the
playground, and the Kith API in tests. Port 0 takes a free port."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator, Generator
from dataclasses import dataclass
from typing import Any, Literal, cast

import uvicorn
from starlette.types import ASGIApp


class _QuietServer(uvicorn.Server):
    """A uvicorn server that leaves signal handling to whoever owns the process."""

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


@dataclass(frozen=True)
class Served:
    host: str
    port: int

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"


def bind(host: str = "127.0.0.1", port: int = 0) -> socket.socket:
    """A listening-ready socket (bound now, so its port is known before serving)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


@contextlib.asynccontextmanager
async def serving(
    app: ASGIApp,
    sock: socket.socket,
    *,
    lifespan: Literal["auto", "on", "off"] = "on",
    log_level: str = "warning",
) -> AsyncIterator[Served]:
    """Serve `app` on `sock` until the block ends."""
    config = uvicorn.Config(
        cast(Any, app),
        lifespan=lifespan,
        log_level=log_level,
        timeout_graceful_shutdown=2,
        access_log=False,
    )
    server = _QuietServer(config)
    task = asyncio.get_running_loop().create_task(server.serve(sockets=[sock]))
    while not server.started:
        if task.done():
            task.result()
            raise RuntimeError("server stopped while starting")
        await asyncio.sleep(0.005)
    host, port = sock.getsockname()[:2]
    try:
        yield Served(host, port)
    finally:
        server.should_exit = True
        await task
        sock.close()
