"""The sandbox's own idea of time: any object with `now()`, so a test can hand it Kith's
manual clock (or any other) while the stand-in for Telegram knows nothing of Kith."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware."""
        ...


class WallClock:
    """Real time, as Telegram's servers keep it."""

    def now(self) -> datetime:
        return datetime.now(UTC)
