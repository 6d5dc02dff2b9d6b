"""The pace of digest sends to one private chat (Telegram's ~1 message a second per chat)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

__all__ = ["PRIVATE_CHAT_BURST", "PRIVATE_CHAT_RATE", "ChatPacer"]

#: Telegram's pace for one private chat: about a message a second, short bursts allowed.
PRIVATE_CHAT_RATE = 1.0
PRIVATE_CHAT_BURST = 3


class ChatPacer:
    """About one message a second per private chat (a burst of :data:`PRIVATE_CHAT_BURST` first).

    The Application's AIORateLimiter limits the overall rate and each group's, but not a private
    chat's; Telegram answers 429 to a private chat flooded faster, and the limiter then holds
    *every* request for the retry time. Groups and channels (negative ids) pass straight through.

    The generic cell rate algorithm (a token bucket in one number per chat): a message may go
    once ``now >= due - (burst - 1) / rate``. Turns are taken when a send starts but counted
    from when it ended (:meth:`sent`), so jitter in request latency can only make the pace
    slower than Telegram's, never faster. ``clock`` and ``sleep`` are injectable for tests.
    """

    def __init__(
        self,
        *,
        rate: float = PRIVATE_CHAT_RATE,
        burst: int = PRIVATE_CHAT_BURST,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self._interval = 1 / rate
        self._tolerance = (burst - 1) / rate
        self._clock = clock
        self._sleep = sleep
        self._due: dict[int, float] = {}  # chat id -> theoretical moment of its next message

    async def wait_turn(self, chat_id: int) -> None:
        """Return when one more message may be sent to ``chat_id``."""
        if chat_id < 0 or chat_id not in self._due:
            return
        wait = self._due[chat_id] - self._tolerance - self._clock()
        if wait > 0:
            await self._sleep(wait)

    def sent(self, chat_id: int) -> None:
        """Count a message Telegram accepted for ``chat_id``."""
        if chat_id < 0:
            return
        now = self._clock()
        self._due[chat_id] = max(self._due.get(chat_id, now), now) + self._interval
