"""Readiness: whether this bot process can do its work now (``/readyz``).

Ready means the database answers a trivial query and the Bot API answers ``getMe``, each within
:data:`CHECK_TIMEOUT_S`. The answer is kept for :data:`CACHE_SECONDS`, and checks asked for
while one runs wait for that one, so a load balancer probing every second (or several probing
at once) costs one query and one ``getMe`` every few seconds, not one per probe.

``getMe`` goes straight through the bot's request layer, past the rate limiter: while the
limiter holds every call to wait out a 429, the process is busy, not broken, and a load
balancer must not take it out of rotation for that.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from telegram import Bot
from telegram.error import TelegramError

from bot.logconfig import redact_secrets
from storage.aio import AsyncLibrary

__all__ = [
    "CACHE_SECONDS",
    "CHECK_TIMEOUT_S",
    "Readiness",
    "TelegramUnreachableError",
    "ReadinessProbe",
    "database_check",
    "telegram_check",
]

log = logging.getLogger(__name__)

#: How long one check may take before it counts as failed.
CHECK_TIMEOUT_S = 3.0
#: How long an answer is reused.
CACHE_SECONDS = 5.0

#: A check: returns when the dependency answered, raises (anything) when it did not.
Check = Callable[[], Awaitable[object]]


class TelegramUnreachableError(Exception):
    """getMe failed; the message says how, without the token."""


@dataclass(frozen=True)
class Readiness:
    """The outcome of the checks: ``reasons`` names each failed one, with why."""

    reasons: dict[str, str] = field(default_factory=dict)

    @property
    def ready(self) -> bool:
        return not self.reasons

    def as_json(self) -> dict[str, object]:
        """What ``/readyz`` answers: ``{"ready": true}`` or ``{"ready": false, "reasons": …}``."""
        if self.ready:
            return {"ready": True}
        return {"ready": False, "reasons": dict(self.reasons)}


def database_check(library: AsyncLibrary) -> Check:
    """The database answers: count the update inbox (one row from an indexed table)."""
    return library.inbox_size


def telegram_check(bot: Bot) -> Check:
    """The Bot API answers ``getMe`` (past the rate limiter: see the module docstring)."""

    async def get_me() -> object:
        try:
            return await bot.request.post(
                f"{bot.base_url}/getMe",
                read_timeout=CHECK_TIMEOUT_S,
                connect_timeout=CHECK_TIMEOUT_S,
                write_timeout=CHECK_TIMEOUT_S,
                pool_timeout=CHECK_TIMEOUT_S,
            )
        except TelegramError as error:
            # The answer of /readyz is not a log line: keep the token out of it here.
            reason = redact_secrets(str(error), (bot.token,))
            raise TelegramUnreachableError(f"{type(error).__name__}: {reason}") from error

    return get_me


class ReadinessProbe:
    """Runs the named checks at most once per :data:`CACHE_SECONDS`; ``clock`` is monotonic
    seconds (tests pass their own)."""

    def __init__(
        self,
        checks: dict[str, Check],
        *,
        timeout: float = CHECK_TIMEOUT_S,
        cache_seconds: float = CACHE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._checks = checks
        self._timeout = timeout
        self._cache_seconds = cache_seconds
        self._clock = clock
        self._answer: Readiness | None = None
        self._answered_at = 0.0
        self._running: asyncio.Task[Readiness] | None = None

    async def readiness(self) -> Readiness:
        """The latest answer if fresh, else the answer of a new (or the running) check."""
        if self._answer is not None and self._clock() - self._answered_at < self._cache_seconds:
            return self._answer
        if self._running is None or self._running.done():
            self._running = asyncio.create_task(self._check_all(), name="readiness-check")
        # Shielded: a probe that hangs up does not cancel the check the others wait for.
        return await asyncio.shield(self._running)

    async def _check_all(self) -> Readiness:
        names = list(self._checks)
        results = await asyncio.gather(*(self._check(self._checks[name]) for name in names))
        reasons = {name: reason for name, reason in zip(names, results, strict=True) if reason}
        if reasons:
            log.warning("not ready: %s", reasons)
        self._answer, self._answered_at = Readiness(reasons), self._clock()
        return self._answer

    async def _check(self, check: Check) -> str | None:
        """None when ``check`` answered in time, else why not (for the JSON answer)."""
        try:
            await asyncio.wait_for(check(), self._timeout)
        except TimeoutError:
            return f"no answer within {self._timeout:g} s"
        except Exception as error:  # any failure means not ready; the reason says which
            return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        return None
