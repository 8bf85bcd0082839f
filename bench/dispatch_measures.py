"""What bench/dispatch.py reads off the stand-in Bot API's call log: Telegram's limits, order,
losses and duplicates, as Telegram would have seen them."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass

from bot.sandbox.calls import Call


@dataclass(frozen=True)
class Seen:
    """Every delivered message (status 200) with its text ("<chat> first" / "<chat> second")."""

    calls: list[Call]
    rejected: int  # 429s

    @classmethod
    def of(cls, calls: list[Call]) -> Seen:
        sends = [c for c in calls if c.method == "sendMessage"]
        return cls([c for c in sends if c.status == 200], sum(c.status == 429 for c in sends))

    def texts(self) -> Counter[str]:
        return Counter(c.text or "" for c in self.calls)

    def longest_idle(self, after: float | None = None) -> float:
        """The longest time with nothing delivered, between the first and the last delivery
        (messages were due all along); from `after` when given."""
        moments = [c.at for c in self.calls if after is None or c.at >= after]
        if after is not None:
            moments = [after, *moments]
        return max((b - a for a, b in itertools.pairwise(moments)), default=0.0)

    def smallest_chat_gap(self) -> float:
        by_chat: dict[int | None, list[float]] = defaultdict(list)
        for call in self.calls:
            by_chat[call.chat_id].append(call.at)
        gaps = [b - a for moments in by_chat.values() for a, b in itertools.pairwise(moments)]
        return min(gaps, default=float("inf"))

    def most_in_a_second(self) -> int:
        moments = [c.at for c in self.calls]
        most, end = 0, 0
        for start, moment in enumerate(moments):
            while end < len(moments) and moments[end] < moment + 1.0:
                end += 1
            most = max(most, end - start)
        return most

    def order_broken(self) -> int:
        """Chats whose second message arrived before their first."""
        first_seen: dict[int | None, str] = {}
        for call in self.calls:
            first_seen.setdefault(call.chat_id, call.text or "")
        return sum(1 for text in first_seen.values() if text.endswith("second"))

    def rate(self) -> float:
        if len(self.calls) < 2:
            return 0.0
        return (len(self.calls) - 1) / (self.calls[-1].at - self.calls[0].at)

    def lost(self, expected: set[str]) -> int:
        return len(expected - set(self.texts()))

    def duplicates(self, outside: set[str] = frozenset()) -> int:  # type: ignore[assignment]
        return sum(n - 1 for text, n in self.texts().items() if n > 1 and text not in outside)

    def delivered_by(self, texts: set[str]) -> float:
        """When the last of `texts` was first delivered."""
        firsts: dict[str, float] = {}
        for call in self.calls:
            firsts.setdefault(call.text or "", call.at)
        return max((firsts[t] for t in texts if t in firsts), default=0.0)


@dataclass
class Run:
    seen: Seen
    expected: set[str]
    sent_by: Counter[int]
    uncertain: set[str]
    killed_at: float | None = None
    dead_rows: int = 0
    dead_rows_back_in: float = 0.0


def print_run(name: str, run: Run) -> None:
    seen = run.seen
    total = max(sum(run.sent_by.values()), 1)
    print(
        f"{name}: {len(seen.calls):,} delivered of {len(run.expected):,} in "
        f"{seen.calls[-1].at - seen.calls[0].at:.1f}s; shares "
        + ", ".join(f"pid {pid} {n / total:.0%}" for pid, n in sorted(run.sent_by.items()))
        + f"; uncertain rows {len(run.uncertain)}",
        flush=True,
    )
