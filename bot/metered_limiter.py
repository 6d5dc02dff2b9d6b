"""Counting Telegram's 429 answers and the retries they cause, around any rate limiter.

Every Bot API call of the Application passes through its rate limiter
(``BaseRateLimiter.process_request``), once per call however often the limiter retries it: the
one place that sees each attempt of each method. :class:`MeteredRateLimiter` wraps the limiter
the Application would use (PTB's ``AIORateLimiter``, or a pace shared by several processes) and
wraps each attempt: a ``RetryAfter`` raised by the attempt is a 429
(``digest_bot_telegram_rate_limited_total``), and every attempt after the first of a call is a
retry (``digest_bot_telegram_retries_total{reason="rate_limit"}``).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.metrics import BotMetrics

__all__ = ["MeteredRateLimiter"]

#: What a Bot API call returns (PTB's ``JSONDict`` is ``dict[str, Any]``).
_Result = bool | dict[str, Any] | list[dict[str, Any]]
_Callback = Callable[..., Coroutine[Any, Any, _Result]]


class MeteredRateLimiter(BaseRateLimiter[int]):
    """``limiter``, with its 429s and retries counted in ``metrics``."""

    __slots__ = ("_limiter", "_metrics")

    def __init__(self, limiter: BaseRateLimiter[int], metrics: BotMetrics) -> None:
        self._limiter = limiter
        self._metrics = metrics

    async def initialize(self) -> None:
        await self._limiter.initialize()

    async def shutdown(self) -> None:
        await self._limiter.shutdown()

    async def process_request(
        self,
        callback: _Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> _Result:
        metrics = self._metrics
        attempts = 0

        async def attempt(*call_args: Any, **call_kwargs: Any) -> _Result:
            nonlocal attempts
            attempts += 1
            if attempts > 1:
                metrics.retry(endpoint, "rate_limit")
            try:
                return await callback(*call_args, **call_kwargs)
            except RetryAfter:
                metrics.rate_limited(endpoint)
                raise

        return await self._limiter.process_request(
            attempt, args, kwargs, endpoint, data, rate_limit_args
        )
