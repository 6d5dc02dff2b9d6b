"""Timing helpers: percentiles of latency samples, wall-clock and CPU time.

The benchmark machine may be shared (other processes compete for its cores), so every
measurement is taken twice: wall-clock time, what a user waits, and the CPU time of the
measuring thread (``time.thread_time``), which is what the code costs whatever the load.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Latency:
    """Percentiles of a set of samples, in milliseconds."""

    count: int
    p50: float
    p95: float
    p99: float
    mean: float

    def brief(self) -> str:
        """``p50/p95/p99`` in ms, as the results tables show them."""
        return f"{self.p50:.1f} / {self.p95:.1f} / {self.p99:.1f}"


def percentile(sorted_samples: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (``fraction`` in 0..1) of already sorted samples."""
    if not sorted_samples:
        raise ValueError("no samples to take a percentile of")
    rank = max(1, math.ceil(fraction * len(sorted_samples)))
    return sorted_samples[rank - 1]


def latency(seconds: Sequence[float]) -> Latency:
    """Summarise samples given in seconds as millisecond percentiles."""
    ms = sorted(s * 1000.0 for s in seconds)
    return Latency(
        count=len(ms),
        p50=percentile(ms, 0.50),
        p95=percentile(ms, 0.95),
        p99=percentile(ms, 0.99),
        mean=sum(ms) / len(ms),
    )


@dataclass(frozen=True, slots=True)
class Timing:
    """Wall-clock and CPU percentiles of the same calls."""

    wall: Latency
    cpu: Latency


def timed(call: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and thread CPU seconds of one call."""
    wall, cpu = time.perf_counter(), time.thread_time()
    call()
    return time.perf_counter() - wall, time.thread_time() - cpu


def timing(samples: Sequence[tuple[float, float]]) -> Timing:
    """Percentiles of (wall, cpu) samples from :func:`timed`."""
    return Timing(wall=latency([s[0] for s in samples]), cpu=latency([s[1] for s in samples]))


def total(samples: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """Summed wall-clock and CPU seconds."""
    return sum(s[0] for s in samples), sum(s[1] for s in samples)
