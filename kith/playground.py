"""The playground: Kith with its local Telegram sandbox and a web chat page, for trying Kith
before registering a bot. Started only when no Telegram token is configured.

It serves, on its own port, the sandbox's Bot API (which the bot talks to) and the page: a
young person's pane (choose a name, talk, tap buttons, see pictures) and the demo
coordinator's own chat, where nudges arrive as on their phone.
"""

from __future__ import annotations

import logging
import secrets
from contextlib import AsyncExitStack

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.sandbox.app import Sandbox
from bot.sandbox.playground import playground_routes
from bot.sandbox.server import bind, serving
from kith.demo.playground import DEMO_COORDINATOR_NAME, seed_demo
from models.core.clock import Clock

log = logging.getLogger("kith.playground")


class Playground:
    name = "playground"

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        clock: Clock,
        *,
        host: str,
        port: int,
        workspace_url: str | None = None,
    ) -> None:
        self.sessionmaker = sessionmaker
        self.clock = clock
        self.sandbox = Sandbox()
        self.world = self.sandbox.new_bot(username="kith_playground_bot", clock=clock)
        self.coordinator = self.world.create_user(
            "Alex", last_name="(demo coordinator)", username="demo_coordinator", opened=True
        )
        self._socket = bind(host, port)
        self._stack = AsyncExitStack()
        # The page's link into the workspace as the fictional demo coordinator: a secret
        # made at each start, known only to this process and the page it serves.
        self.demo_sign_in_code = secrets.token_urlsafe(24)
        self.workspace_link = (
            f"{workspace_url.rstrip('/')}/demo/{self.demo_sign_in_code}" if workspace_url else None
        )

    @property
    def token(self) -> str:
        return self.world.token

    @property
    def url(self) -> str:
        host, port = self._socket.getsockname()[:2]
        return f"http://{host}:{port}"

    @property
    def base_url(self) -> str:
        return f"{self.url}/bot"

    async def start(self) -> None:
        async with self.sessionmaker.begin() as session:
            await seed_demo(
                session=session, now=self.clock.now(), coordinator_chat_id=self.coordinator.id
            )
        app = self.sandbox.app(playground_routes(self.world, self.coordinator, self.workspace_link))
        await self._stack.enter_async_context(serving(app, self._socket, lifespan="off"))
        log.info(
            "Demo coordinator %s: their chat is the playground's right pane", DEMO_COORDINATOR_NAME
        )

    async def stop(self) -> None:
        await self.sandbox.close()
        await self._stack.aclose()
