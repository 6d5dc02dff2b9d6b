"""The per-user sliding-window ingest limit."""

from __future__ import annotations

import pytest

from bot.ratelimit import SlidingWindowLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_allows_the_limit_then_says_how_long_to_wait() -> None:
    clock = Clock()
    limiter = SlidingWindowLimiter(2, 60.0, clock=clock)
    assert limiter.acquire("ann") == 0
    clock.now += 10
    assert limiter.acquire("ann") == 0
    clock.now += 5
    assert limiter.acquire("ann") == pytest.approx(45.0)
    assert limiter.acquire("bob") == 0


def test_the_window_slides_and_refusals_do_not_extend_it() -> None:
    clock = Clock()
    limiter = SlidingWindowLimiter(1, 60.0, clock=clock)
    assert limiter.acquire(1) == 0
    clock.now += 59
    assert limiter.acquire(1) == pytest.approx(1.0)
    clock.now += 1
    assert limiter.acquire(1) == 0


def test_memory_is_bounded_by_forgetting_the_least_recent_key() -> None:
    clock = Clock()
    limiter = SlidingWindowLimiter(1, 60.0, max_keys=3, clock=clock)
    for key in range(5):
        assert limiter.acquire(key) == 0
    assert len(limiter) == 3
    assert limiter.acquire(4) > 0
    assert limiter.acquire(0) == 0  # forgotten, so allowed again


def test_nonsense_limits_are_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        SlidingWindowLimiter(0)
