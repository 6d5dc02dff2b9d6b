"""The webhook server of ``digest-bot run --webhook``: every update is stored before Telegram
hears back, so a process killed at any moment loses none.

python-telegram-bot's own webhook server answers Telegram before the update is handled, and
nothing is stored: a kill in between loses the update. This one (the library's "custom
webhook" pattern, on aiohttp) does, for each POST:

1. refuse it with 403 unless it carries ``[telegram] webhook_secret`` in Telegram's
   ``X-Telegram-Bot-Api-Secret-Token`` header, with 400 unless it is an update;
2. store it in the library's update inbox, claimed by this process
   (:meth:`storage.Library.store_webhook_update`), answering 500 when that fails: Telegram
   then delivers it again, perhaps to another process;
3. answer 200, and put it on the application's update queue. Its removal from the inbox when
   handled is :class:`bot.inbox.InboxUpdateProcessor`'s, as in polling mode.

An update Telegram delivers again after it was stored (the answer was lost, or the process was
killed before answering) is answered 200 and dropped: it is already in the inbox. If its first
receiver died, :class:`OrphanSweep` hands it to a live process once that receiver's lease ran
out, and a process that starts does the same at once for everything no live process holds.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hmac
import json
import logging
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update

from bot.fleet import Fleet
from bot.services import App
from storage.errors import StorageError

__all__ = ["SECRET_HEADER", "DurableWebhook", "OrphanSweep", "webhook_path"]

log = logging.getLogger(__name__)

#: The header in which Telegram repeats the webhook's secret token with every update.
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def webhook_path(webhook_url: str) -> str:
    """The path this process serves: that of the public URL (a proxy forwards it unchanged)."""
    return urlsplit(webhook_url).path or "/"


class DurableWebhook:
    """An aiohttp server on ``listen:port`` that stores each update before answering."""

    def __init__(
        self, application: App, fleet: Fleet, *, listen: str, port: int, path: str, secret: str
    ) -> None:
        self._application = application
        self._fleet = fleet
        self._listen = listen
        self._port = port
        self._path = path
        self._secret = secret
        self._runner: web.AppRunner | None = None

    @property
    def port(self) -> int:
        """The port listened on (the chosen one when ``port`` was 0)."""
        if self._runner is None:
            return self._port
        return int(self._runner.addresses[0][1])

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post(self._path, self._receive)
        # /metrics, /healthz and /readyz beside the webhook (README, What to monitor).
        self._application.bot_data.services.monitoring.add_routes(app)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self._listen, self._port).start()
        log.info("webhook server listening on %s:%d%s", self._listen, self.port, self._path)

    async def stop(self) -> None:
        """Stop accepting updates (those already stored stay in the inbox)."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _receive(self, request: web.Request) -> web.Response:
        offered = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(offered.encode(), self._secret.encode()):
            return web.Response(status=403, text="Forbidden: wrong or missing secret token")
        try:
            data = await request.json()
        except ValueError:
            return web.Response(status=400, text="Bad Request: the body is not JSON")
        update_id = data.get("update_id") if isinstance(data, dict) else None
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            return web.Response(status=400, text="Bad Request: not an update")
        library = self._fleet.library
        try:
            fresh = await library.store_webhook_update(
                update_id, json.dumps(data), self._fleet.owner, dt.datetime.now(dt.UTC)
            )
        except StorageError:
            log.exception("could not store update %d; Telegram will deliver it again", update_id)
            return web.Response(status=500, text="Internal Server Error: not stored")
        if fresh:
            self._application.update_queue.put_nowait(Update.de_json(data, self._application.bot))
        else:
            log.info("update %d was received before; dropped", update_id)
        return web.Response(text="ok")


class OrphanSweep:
    """Hands this process the stored updates no live process handles, now and every third of
    the lease: those of a process that was killed, and those left when one stopped."""

    def __init__(self, application: App, fleet: Fleet) -> None:
        self._application = application
        self._fleet = fleet
        self._task: asyncio.Task[None] | None = None

    async def sweep(self) -> int:
        """Queue every orphaned update, oldest first; returns how many."""
        fleet = self._fleet
        claimed = await fleet.library.claim_orphaned_updates(
            fleet.owner, fleet.stale_before(dt.datetime.now(dt.UTC))
        )
        for update_id, payload in claimed:
            try:
                update = Update.de_json(json.loads(payload), self._application.bot)
            except (ValueError, TypeError, KeyError):
                log.exception("dropping stored update %d: its payload does not decode", update_id)
                await fleet.library.inbox_done(update_id)
                continue
            self._application.update_queue.put_nowait(update)
        if claimed:
            log.info("took over %d update(s) no running process was handling", len(claimed))
        return len(claimed)

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="webhook-orphan-sweep")

    async def _run(self) -> None:
        interval = self._fleet.lease.total_seconds() / 3
        while True:
            await asyncio.sleep(interval)
            try:
                await self.sweep()
            except StorageError:
                log.exception("could not look for orphaned updates; trying again later")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
