"""Telegram's flood limits as token buckets: 30 messages/s overall, about 1/s per private chat
(with a short burst allowed), 20 per minute per group or channel."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["FloodLimits", "FloodControl"]


@dataclass(frozen=True)
class FloodLimits:
    """Rates in messages per second and bucket sizes (the burst allowed after a quiet period)."""

    overall_rate: float = 30.0
    overall_burst: int = 30
    private_rate: float = 1.0
    private_burst: int = 3
    group_rate: float = 20 / 60
    group_burst: int = 20


@dataclass
class _Bucket:
    rate: float
    capacity: int
    tokens: float
    updated: float

    def refill(self, now: float) -> None:
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now

    def wait_time(self) -> float:
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate


@dataclass
class FloodControl:
    """Decides whether one more message to a chat may go now; ``clock`` is injectable for tests."""

    limits: FloodLimits = field(default_factory=FloodLimits)
    clock: Callable[[], float] = time.monotonic
    _overall: _Bucket | None = None
    _chats: dict[int, _Bucket] = field(default_factory=dict)

    def _bucket_for(self, chat_id: int, now: float) -> _Bucket:
        if chat_id not in self._chats:
            private = chat_id > 0
            rate = self.limits.private_rate if private else self.limits.group_rate
            burst = self.limits.private_burst if private else self.limits.group_burst
            self._chats[chat_id] = _Bucket(rate, burst, burst, now)
        return self._chats[chat_id]

    def acquire(self, chat_id: int) -> int | None:
        """Take a slot for one message to ``chat_id``; return None, or retry_after in seconds."""
        now = self.clock()
        if self._overall is None:
            burst = self.limits.overall_burst
            self._overall = _Bucket(self.limits.overall_rate, burst, burst, now)
        buckets = (self._overall, self._bucket_for(chat_id, now))
        for bucket in buckets:
            bucket.refill(now)
        wait = max(bucket.wait_time() for bucket in buckets)
        if wait > 0:
            return max(1, math.ceil(wait))
        for bucket in buckets:
            bucket.tokens -= 1
        return None
