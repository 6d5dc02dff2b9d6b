"""Event-driven waiting on the sandbox's state: wake waiters when something changed."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

__all__ = ["ChangeNotifier"]


class ChangeNotifier:
    """Lets coroutines wait until a predicate over shared state holds, without sleep-polling.

    ``changed()`` is synchronous so state mutations (scripting calls, request handlers) can call
    it directly; it must be called from the event loop's thread.
    """

    def __init__(self) -> None:
        self._waiters: set[asyncio.Future[None]] = set()

    def changed(self) -> None:
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)
        self._waiters.clear()

    async def wait_for(self, predicate: Callable[[], bool], timeout: float) -> bool:
        """Wait until ``predicate()`` is true; return False if ``timeout`` seconds pass first."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            waiter: asyncio.Future[None] = loop.create_future()
            self._waiters.add(waiter)
            try:
                await asyncio.wait_for(waiter, remaining)
            except TimeoutError:
                return predicate()
            finally:
                self._waiters.discard(waiter)
        return True
