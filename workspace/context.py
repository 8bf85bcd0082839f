"""What `kith` hands the workspace: built once at start-up, put on `app.state.workspace`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models.core.clock import Clock, SystemClock


@dataclass
class WorkspaceContext:
    sessionmaker: async_sessionmaker[AsyncSession]
    clock: Clock = field(default_factory=SystemClock)
    # Outside development the cookie is Secure (sent over HTTPS only).
    secure_cookies: bool = True
    # Second factor at sign-in; may be off only outside production (settings refuse otherwise).
    require_totp: bool = True
    # Signed out after this long with nothing done (a shared office computer left open).
    idle_timeout: timedelta = timedelta(minutes=30)
    # Each failed sign-in past the third waits this long per failure (capped) before answering.
    login_slowdown_seconds: float = 0.5
    # The playground's link that signs in its fictional demo coordinator:
    # (secret, email, the demo organisation's slug).
    demo_sign_in: tuple[str, str, str] | None = None
