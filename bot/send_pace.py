"""One send pace for every process of the bot: Telegram's ~30 messages a second is per bot.

python-telegram-bot's AIORateLimiter paces one process. With several ``digest-bot run
--webhook`` processes each would allow itself the whole rate, and three of them together would
send three times too fast and collect 429s. :class:`SharedPaceRateLimiter` keeps the
AIORateLimiter for what stays per process (a group's 20 messages a minute, since one process
delivers all of a chat's digests; the retries after a 429) and takes every message's overall
slot from a pace all processes share:

* :class:`DatabasePace`: the ``send_pace`` row of the library (``storage.send_pace``), on a
  connection and thread of its own so a slot is never queued behind library work;
* :class:`RedisPace`: the same reservation as one Lua script in Redis, when ``[scale]
  redis_url`` is set (one round trip instead of a write transaction per message).

A slot is *reserved*, then waited for: one round trip per message whatever the contention. A
429 still answered by Telegram holds the pace for every process (``retry_after``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Callable, Coroutine
from typing import Any, Protocol

from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter

from storage.aio import AsyncLibrary

__all__ = [
    "DatabasePace",
    "PaceBackend",
    "RedisPace",
    "SendPace",
    "SharedPaceRateLimiter",
]

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]


class PaceBackend(Protocol):
    """Where the shared slots are reserved."""

    async def open(self) -> None: ...
    async def close(self) -> None: ...
    async def reserve(self, interval: float, tolerance: float) -> float:
        """Reserve the next slot; returns the seconds to wait for it (0 or less: none)."""
        ...

    async def hold(self, seconds: float) -> None:
        """No slot within ``seconds`` from now."""
        ...


class DatabasePace:
    """Slots from the library's ``send_pace`` row, through a connection of their own.

    The clock is this machine's (processes on one SQLite file share a machine).
    """

    def __init__(self, path: str, clock: Callable[[], float] = time.time) -> None:
        self._path = path
        self._clock = clock
        self._library: AsyncLibrary | None = None

    async def open(self) -> None:
        self._library = await AsyncLibrary.open(self._path)

    async def close(self) -> None:
        if self._library is not None:
            await self._library.aclose()
            self._library = None

    @property
    def _opened(self) -> AsyncLibrary:
        if self._library is None:
            raise RuntimeError("the send pace was used before the bot was initialised")
        return self._library

    async def reserve(self, interval: float, tolerance: float) -> float:
        slot = await self._opened.reserve_send_slot(self._clock(), interval, tolerance)
        return slot - self._clock()

    async def hold(self, seconds: float) -> None:
        await self._opened.hold_send_pace(self._clock() + seconds)


#: The reservation of ``storage.send_pace`` as one atomic Redis script, on Redis's own clock
#: (so processes on several machines agree): returns the seconds to wait, as a string (a Lua
#: number would come back truncated to an integer).
_RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local interval, tolerance = tonumber(ARGV[1]), tonumber(ARGV[2])
local slot = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), now - tolerance)
redis.call('SET', KEYS[1], string.format('%.6f', slot + interval), 'EX', 3600)
return string.format('%.6f', slot - now)
"""
_HOLD = """
local t = redis.call('TIME')
local hold = tonumber(t[1]) + tonumber(t[2]) / 1000000 + tonumber(ARGV[1])
if hold > tonumber(redis.call('GET', KEYS[1]) or '0') then
  redis.call('SET', KEYS[1], string.format('%.6f', hold), 'EX', 3600)
end
return 1
"""


class RedisPace:
    """Slots from one Redis key per bot (``[scale] redis_url``): one round trip a message."""

    def __init__(self, url: str, bot_id: str) -> None:
        self._url = url
        self._key = f"digest-bot:send-pace:{bot_id}"
        self._redis: Any = None

    async def open(self) -> None:
        import redis.asyncio  # only a bot configured for Redis needs the package

        self._redis = redis.asyncio.Redis.from_url(self._url)
        await self._redis.ping()
        self._reserve = self._redis.register_script(_RESERVE)
        self._hold = self._redis.register_script(_HOLD)

    async def close(self) -> None:
        if self._redis is not None:
            await self._redis.aclose()
            self._redis = None

    async def reserve(self, interval: float, tolerance: float) -> float:
        return float(await self._reserve(keys=[self._key], args=[interval, tolerance]))

    async def hold(self, seconds: float) -> None:
        await self._hold(keys=[self._key], args=[seconds])


class SendPace:
    """At most ``rate`` messages a second across processes, after a burst of ``burst``."""

    def __init__(self, backend: PaceBackend, *, rate: float, burst: int) -> None:
        self.backend = backend
        self._interval = 1 / rate
        self._tolerance = (burst - 1) / rate

    async def wait_turn(self) -> None:
        """Return when this process's next message may leave.

        A slot woken up for later than the burst allowance (a starved process, a blocked loop)
        is given up and a new one reserved: sent late, it would arrive together with the other
        processes' punctual ones, a burst Telegram answers with 429.
        """
        while True:
            wait = await self.backend.reserve(self._interval, self._tolerance)
            if wait <= 0:
                return
            due = time.monotonic() + wait
            await asyncio.sleep(wait)
            if time.monotonic() - due <= self._tolerance:
                return

    async def hold(self, seconds: float) -> None:
        """No process sends for ``seconds`` from now (Telegram asked for it with a 429)."""
        await self.backend.hold(seconds)


class SharedPaceRateLimiter(AIORateLimiter):
    """An AIORateLimiter whose overall limit is a :class:`SendPace` shared by processes.

    Construct it with ``overall_max_rate=0`` (the shared pace replaces the per-process one);
    the group limit and ``max_retries`` work as in AIORateLimiter.
    """

    def __init__(self, pace: SendPace, **limits: Any) -> None:
        super().__init__(overall_max_rate=0, **limits)
        self._pace = pace

    async def initialize(self) -> None:
        await super().initialize()
        await self._pace.backend.open()

    async def shutdown(self) -> None:
        await self._pace.backend.close()
        await super().shutdown()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONResult:
        """Take a shared slot for each attempt of a request to a chat (the calls Telegram's
        overall limit counts, as AIORateLimiter counts them), inside the group's limit."""
        if data.get("chat_id") is None or data.get("allow_paid_broadcast"):
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
        pace = self._pace

        async def paced(*call_args: Any, **call_kwargs: Any) -> JSONResult:
            await pace.wait_turn()
            try:
                return await callback(*call_args, **call_kwargs)
            except RetryAfter as error:
                wait = error.retry_after  # seconds, or a timedelta with PTB_TIMEDELTA set
                await pace.hold(wait.total_seconds() if isinstance(wait, dt.timedelta) else wait)
                raise

        return await super().process_request(paced, args, kwargs, endpoint, data, rate_limit_args)
