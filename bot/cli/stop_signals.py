"""SIGINT and SIGTERM end `digest-bot run` cleanly, exit code 0, whenever they arrive.

python-telegram-bot's own stop signals raise SystemExit inside whatever its start-up is doing,
which abandons the request in flight and fails; before its handlers exist, SIGTERM kills the
process outright. Here one handler covers the whole command: before the bot's task exists the
signal ends the command at once; afterwards it cancels the task, which then stops the bot in
order (see :func:`bot.app.serve`).
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Coroutine
from types import FrameType, TracebackType
from typing import Any

__all__ = ["STOP_SIGNALS", "StopSignals", "StoppedBeforeStart"]

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class StoppedBeforeStart(BaseException):  # noqa: N818 - a stop, not an error
    """A stop signal arrived before the bot's task was running; nothing needs stopping."""


class StopSignals:
    """Install the handler for :data:`STOP_SIGNALS` (``with``), then :meth:`run` the bot in it."""

    def __init__(self) -> None:
        self.received: int | None = None
        self._task: asyncio.Task[Any] | None = None
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> StopSignals:
        for number in STOP_SIGNALS:
            self._previous[number] = signal.signal(number, self._on_signal)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)

    def _on_signal(self, number: int, frame: FrameType | None) -> None:
        if self.received is not None:
            return  # already stopping: let the clean stop finish
        self.received = number
        if self._task is None:
            raise StoppedBeforeStart
        # call_soon_threadsafe also wakes the loop's selector, which a bare cancel() would not.
        self._task.get_loop().call_soon_threadsafe(self._task.cancel)

    async def run(self, bot: Coroutine[Any, Any, None]) -> None:
        """Await ``bot`` until it ends or a stop signal cancels it (then return normally)."""
        self._task = asyncio.current_task()
        try:
            await bot
        except asyncio.CancelledError:
            if self.received is None:
                raise
        finally:
            self._task = None
