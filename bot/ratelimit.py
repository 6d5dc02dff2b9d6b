"""A per-key sliding-window rate limit, in memory and bounded (the per-user ingest limit).

A key may act ``limit`` times in any ``window_s`` seconds. Only accepted actions are recorded,
so a user who keeps trying while limited is not locked out for longer. Memory is bounded: at
most ``max_keys`` keys are tracked; when a new key would exceed that, the key that acted least
recently is forgotten (it can then act again early, which errs on the side of the user).
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable

__all__ = ["SlidingWindowLimiter"]


class SlidingWindowLimiter:
    """At most ``limit`` actions per key in any ``window_s`` seconds.

    ``clock`` returns seconds (monotonic by default); tests pass their own.
    """

    def __init__(
        self,
        limit: int,
        window_s: float = 60.0,
        *,
        max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if limit < 1 or window_s <= 0 or max_keys < 1:
            raise ValueError("limit and max_keys must be at least 1, window_s greater than 0")
        self.limit = limit
        self.window_s = window_s
        self.max_keys = max_keys
        self._clock = clock
        self._events: OrderedDict[Hashable, deque[float]] = OrderedDict()

    def __len__(self) -> int:
        """How many keys are tracked now."""
        return len(self._events)

    def acquire(self, key: Hashable) -> float:
        """Record an action for ``key`` and return 0, or return the seconds to wait (> 0).

        A refused action is not recorded.
        """
        now = self._clock()
        events = self._events.get(key)
        if events is None:
            events = self._events[key] = deque()
            while len(self._events) > self.max_keys:
                self._events.popitem(last=False)
        while events and events[0] <= now - self.window_s:
            events.popleft()
        if len(events) >= self.limit:
            return max(events[0] + self.window_s - now, 0.001)
        events.append(now)
        self._events.move_to_end(key)
        return 0.0
