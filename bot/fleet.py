"""This process among the bot's processes: its name, its heartbeat, the age of a stale claim.

Several ``digest-bot run --webhook`` processes share one database. Each claims the inbox updates
it received and the chats whose digests it delivers (``storage.claims``), under the name
:data:`PROCESS_OWNER`; a claim counts while its owner's heartbeat is younger than
``[scale] lease_seconds``. :class:`Fleet` registers the process when the bot starts, beats every
third of the lease, and unregisters on a clean stop, which releases every claim at once.

Polling mode is one process per bot token (Telegram answers a second poller 409 Conflict), so a
polling process that starts takes over whatever an earlier polling process left claimed at
once, instead of waiting for its lease: that process is gone.

**The in-flight rule** (when a duplicate can happen): a digest part or an answer to an update is
sent twice only when the process sending it dies, or stops beating for longer than the lease,
after Telegram accepted the message and before the process recorded it (the part in
``deliveries``, the update's removal from the inbox). The process that takes the claim over
sends that one message again: at most one part per digest, one answer per update, per failure.
Telegram has no idempotent send, so no design can close this gap; it is as narrow as one
``sendMessage`` round trip plus one database write (for updates, ``SETTLE_INTERVAL`` more).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import secrets
import socket
from typing import Literal

from storage.aio import AsyncLibrary
from storage.errors import StorageError

__all__ = ["PROCESS_OWNER", "Fleet", "Mode"]

log = logging.getLogger(__name__)

#: This process's name in the claims: host, process id and a random tag (process ids repeat).
PROCESS_OWNER = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"

Mode = Literal["polling", "webhook"]


class Fleet:
    """This process's membership: registered on :meth:`join`, beating until :meth:`leave`."""

    def __init__(
        self, library: AsyncLibrary, mode: Mode, lease_seconds: float, owner: str = PROCESS_OWNER
    ) -> None:
        self.library = library
        self.mode = mode
        self.owner = owner
        self.lease = dt.timedelta(seconds=lease_seconds)
        self._beating: asyncio.Task[None] | None = None

    def stale_before(self, now: dt.datetime) -> dt.datetime:
        """Claims whose owner last beat before this moment have lapsed."""
        return now - self.lease

    async def join(self) -> None:
        """Register this process and start its heartbeat; a polling process also takes over
        what earlier polling processes left claimed."""
        now = dt.datetime.now(dt.UTC)
        if self.mode == "polling":
            for owner in await self.library.live_processes(self.stale_before(now), "polling"):
                if owner != self.owner:
                    log.info("taking over the claims of the earlier polling process %s", owner)
                    await self.library.unregister_process(owner)
        await self.library.register_process(self.owner, self.mode, now)
        self._beating = asyncio.create_task(self._beat(), name="fleet-heartbeat")

    async def _beat(self) -> None:
        interval = self.lease.total_seconds() / 3
        while True:
            await asyncio.sleep(interval)
            try:
                await self.library.heartbeat(self.owner, self.mode, dt.datetime.now(dt.UTC))
            except StorageError:
                log.exception(
                    "could not renew this process's claims; other processes take them over "
                    "after %.0f s without a heartbeat",
                    self.lease.total_seconds(),
                )

    async def leave(self) -> None:
        """Stop beating and release every claim of this process (a clean stop)."""
        if self._beating is None:
            return
        self._beating.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._beating
        self._beating = None
        try:
            await self.library.unregister_process(self.owner)
        except StorageError:
            log.exception("could not release this process's claims; they lapse with the lease")
