"""Scripting Telegram's misbehaviour: failing, stalling, dropping and holding calls."""

from __future__ import annotations

from .context import ApiContext
from .errors import SandboxTimeout
from .world import World

__all__ = ["FaultScripting"]


class FaultScripting:
    """The fault half of :class:`bot.sandbox.Sandbox`'s scripting API."""

    _world: World
    _api: ApiContext

    def fail_next(
        self,
        n: int,
        *,
        method: str | None = None,
        error_code: int = 429,
        retry_after: int = 1,
        description: str | None = None,
    ) -> None:
        """Make the next ``n`` calls of ``method`` (default: any method but getUpdates) fail."""
        self._api.faults.add(
            n,
            method=method,
            error_code=error_code,
            retry_after=retry_after,
            description=description,
        )

    def stall_next(self, n: int, *, method: str, seconds: float, execute: bool = False) -> None:
        """The next ``n`` calls of ``method`` hang ``seconds`` (make it longer than the client's
        timeout). ``execute=False``: the call is never carried out and its connection is then
        closed; ``execute=True``: it is carried out at once and answered late."""
        self._api.disruptions.add(n, method=method, kind="stall", execute=execute, seconds=seconds)

    def drop_next(self, n: int, *, method: str, execute: bool = False) -> None:
        """The next ``n`` calls of ``method`` get their connection closed without an answer:
        before the call is carried out, or after it with ``execute=True``."""
        self._api.disruptions.add(n, method=method, kind="drop", execute=execute)

    def hold_calls(self, method: str, *, after: int = 0) -> None:
        """Calls of ``method`` after the next ``after`` ones hang unanswered and are never
        executed (as if Telegram never got them), until :meth:`stop_holding`."""
        self._api.holds.start(method, after=after)

    def stop_holding(self) -> None:
        """End :meth:`hold_calls`: hanging calls answer an error and are dropped."""
        self._api.holds.stop()

    async def wait_for_held(self, count: int = 1, timeout: float = 10.0) -> None:
        """Wait until ``count`` calls are hanging in :meth:`hold_calls`."""
        if not await self._world.notifier.wait_for(lambda: self._api.holds.held >= count, timeout):
            raise SandboxTimeout(f"{self._api.holds.held} call(s) held, not {count}")
