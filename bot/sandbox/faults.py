"""Faults on demand, so tests can show what the bot does when Telegram misbehaves.

Server errors (5xx bursts), 429s, slow answers (before or after the message is delivered) and
dropped connections; a blocked chat is not a fault but the young person's choice, and lives
in the world (`BotWorld.block`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

FaultKind = Literal["server_error", "slow", "late", "drop", "rate_limited"]


@dataclass
class Fault:
    kind: FaultKind
    remaining: int | None  # None: until cleared
    methods: frozenset[str] | None  # None: every method
    status: int = 502
    seconds: float = 0.0  # slow, late: the delay; rate_limited: retry_after

    def applies_to(self, method: str) -> bool:
        return self.methods is None or method.lower() in self.methods


@dataclass
class Faults:
    """The faults waiting for the next Bot API calls, consumed in order."""

    _active: list[Fault] = field(default_factory=list)

    def server_errors(
        self, count: int, *, status: int = 502, methods: Iterable[str] | None = None
    ) -> None:
        """The next `count` calls answer with a 5xx status (a burst of server errors)."""
        if not 500 <= status <= 599:
            raise ValueError("server errors are 5xx")
        self._active.append(Fault("server_error", count, _names(methods), status=status))

    def slow(
        self, seconds: float, *, count: int | None = None, methods: Iterable[str] | None = None
    ) -> None:
        """Answer after `seconds` (for `count` calls, or until cleared)."""
        self._active.append(Fault("slow", count, _names(methods), seconds=seconds))

    def late(
        self, seconds: float, *, count: int | None = None, methods: Iterable[str] | None = None
    ) -> None:
        """Deliver at once, but answer only after `seconds`: a client that gave up waiting
        never learns that the message arrived (Telegram answering slowly)."""
        self._active.append(Fault("late", count, _names(methods), seconds=seconds))

    def rate_limited(
        self, count: int, *, retry_after: int, methods: Iterable[str] | None = None
    ) -> None:
        """The next `count` calls answer 429 with `retry_after` (taking nothing)."""
        self._active.append(Fault("rate_limited", count, _names(methods), seconds=retry_after))

    def drop_connections(self, count: int, *, methods: Iterable[str] | None = None) -> None:
        """Close the connection mid-answer for the next `count` calls."""
        self._active.append(Fault("drop", count, _names(methods)))

    def clear(self) -> None:
        self._active.clear()

    def take(self, method: str) -> list[Fault]:
        """The faults that hit this call (at most one of each kind), counting them down."""
        hit: dict[str, Fault] = {}
        for fault in self._active:
            if fault.kind not in hit and fault.applies_to(method):
                hit[fault.kind] = fault
                if fault.remaining is not None:
                    fault.remaining -= 1
        self._active = [f for f in self._active if f.remaining is None or f.remaining > 0]
        return list(hit.values())


def _names(methods: Iterable[str] | None) -> frozenset[str] | None:
    return None if methods is None else frozenset(m.lower() for m in methods)
