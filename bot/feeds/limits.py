"""Bounded concurrency for a polling cycle: so many requests at once, so many per web site."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

__all__ = ["RequestLimiter"]


class RequestLimiter:
    """At most ``concurrency`` requests in flight in all and ``per_host`` to any one host.

    A request waits for its host's turn before it takes one of the overall places, so a busy
    site never holds places other sites could use. Each request takes its own places: a feed's
    page fetches wait like any other request, and nothing is held while waiting for another.
    """

    def __init__(self, concurrency: int, per_host: int) -> None:
        if concurrency < 1 or per_host < 1:
            raise ValueError("concurrency and per_host must be at least 1")
        self._overall = asyncio.Semaphore(concurrency)
        self._per_host = per_host
        self._hosts: dict[str, asyncio.Semaphore] = {}

    @contextlib.asynccontextmanager
    async def slot(self, url: str) -> AsyncIterator[None]:
        """Hold a place for one request to ``url``'s host."""
        host = (urlsplit(url).hostname or "").lower()
        per_host = self._hosts.setdefault(host, asyncio.Semaphore(self._per_host))
        async with per_host, self._overall:
            yield
