"""Calls held by tests: a request that hangs, as if Telegram never answered, and is then dropped.

Crash tests need the bot to be killed at a precise point, e.g. after the first part of a digest
was accepted and before the second is: hold ``sendMessage`` after one call, wait until the second
call is held, kill the bot. A held call is never executed, so nothing it asked for happens; when
the hold ends (or the client has gone) it answers an error nobody reads.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["HoldQueue"]


@dataclass
class HoldQueue:
    """At most one active hold: calls of ``method`` after the first ``passes`` hang."""

    method: str | None = None
    passes: int = 0
    held: int = 0
    _released: asyncio.Event = field(default_factory=asyncio.Event)

    def start(self, method: str, *, after: int) -> None:
        self.method, self.passes, self.held = method.lower(), after, 0
        self._released = asyncio.Event()

    def stop(self) -> None:
        """Let no further call hang; calls hanging now are dropped."""
        self.method = None
        self._released.set()

    async def hold_if_asked(self, method: str, *, on_held: Callable[[], None]) -> bool:
        """Hang until the hold stops if this call must be held; True when it was (drop it).

        ``on_held`` runs once the call is counted in :attr:`held` (to wake waiting tests).
        """
        if self.method is None or method.lower() != self.method:
            return False
        if self.passes > 0:
            self.passes -= 1
            return False
        self.held += 1
        on_held()
        await self._released.wait()
        return True
