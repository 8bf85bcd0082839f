"""Telegram's sending limits: about 1 message a second per chat, 30 a second overall,
20 a minute per group. Past them the answer is 429 with `parameters.retry_after`.

Each limit is a token bucket: a short burst is tolerated (as Telegram does), a sustained rate
above the limit is not. Time is monotonic wall time: limits are about real HTTP traffic.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Limits:
    per_chat_per_second: float = 1.0
    per_chat_burst: int = 3
    overall_per_second: float = 30.0
    overall_burst: int = 30
    per_group_per_minute: float = 20.0
    per_group_burst: int = 20
    enabled: bool = True


@dataclass
class Bucket:
    rate: float  # tokens per second
    capacity: float
    tokens: float
    stamp: float

    def wait_needed(self, now: float) -> float:
        """Seconds until one token is available (0 when one is there now)."""
        self._refill(now)
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def take(self, now: float) -> None:
        self._refill(now)
        self.tokens -= 1

    def _refill(self, now: float) -> None:
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now


@dataclass
class RateLimiter:
    """Decides whether one more message to a chat may go now, or how long to wait."""

    limits: Limits
    monotonic: Callable[[], float] = time.monotonic
    _overall: Bucket | None = None
    _chats: dict[int, Bucket] = field(default_factory=dict)

    def check(self, chat_id: int, *, group: bool) -> int | None:
        """Take a token for this chat; or return `retry_after` seconds (taking nothing)."""
        if not self.limits.enabled:
            return None
        now = self.monotonic()
        buckets = [self._overall_bucket(now), self._chat_bucket(chat_id, group, now)]
        wait = max(bucket.wait_needed(now) for bucket in buckets)
        if wait > 0:
            return max(1, math.ceil(wait))
        for bucket in buckets:
            bucket.take(now)
        return None

    def _overall_bucket(self, now: float) -> Bucket:
        if self._overall is None:
            burst = float(self.limits.overall_burst)
            self._overall = Bucket(self.limits.overall_per_second, burst, burst, now)
        return self._overall

    def _chat_bucket(self, chat_id: int, group: bool, now: float) -> Bucket:
        bucket = self._chats.get(chat_id)
        if bucket is None:
            if group:
                rate = self.limits.per_group_per_minute / 60
                burst = float(self.limits.per_group_burst)
            else:
                rate = self.limits.per_chat_per_second
                burst = float(self.limits.per_chat_burst)
            bucket = self._chats[chat_id] = Bucket(rate, burst, burst, now)
        return bucket
