"""``/metrics``, ``/healthz`` and ``/readyz`` over HTTP: on the webhook server, or a port apart.

:class:`MonitoringEndpoints` answers the three paths without knowing any web framework
(``respond(path)``), so any server can serve them:

* ``[metrics] port`` (polling mode, or webhook mode to serve them apart from the public
  address): :meth:`Monitoring.start_server` runs an aiohttp server on ``[metrics] host``;
* the bot's own webhook server (aiohttp, :class:`bot.webhook.DurableWebhook`):
  :meth:`Monitoring.add_routes`.

``/healthz`` answers 200 while the event loop runs (the process is up and not wedged).
``/readyz`` answers 200 or 503 with the JSON of :class:`bot.health.Readiness`. ``/metrics``
reads the update inbox's depth from the database first (a failure leaves the last value and
is visible in ``/readyz``), then renders the Application's registry.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web

from bot.health import CHECK_TIMEOUT_S, ReadinessProbe
from bot.metrics import CONTENT_TYPE, BotMetrics

__all__ = [
    "PATHS",
    "Monitoring",
    "MonitoringAddressError",
    "MonitoringEndpoints",
    "Response",
]

log = logging.getLogger(__name__)

PATHS = ("/metrics", "/healthz", "/readyz")
_JSON = "application/json; charset=utf-8"


class MonitoringAddressError(Exception):
    """``[metrics] host`` and ``port`` cannot be listened on; the message says what to change."""


@dataclass(frozen=True)
class Response:
    """An HTTP answer: status, Content-Type and body."""

    status: int
    content_type: str
    body: bytes


def _json(status: int, payload: dict[str, object]) -> Response:
    return Response(status, _JSON, json.dumps(payload).encode())


class MonitoringEndpoints:
    """The answers of :data:`PATHS`, whatever server asks for them."""

    def __init__(
        self,
        metrics: BotMetrics,
        probe: ReadinessProbe,
        inbox_size: Callable[[], Awaitable[int]],
    ) -> None:
        self.metrics = metrics
        self.probe = probe
        self._inbox_size = inbox_size

    async def respond(self, path: str) -> Response | None:
        """The answer to a GET of ``path``, or None when ``path`` is none of :data:`PATHS`."""
        if path == "/healthz":
            return _json(200, {"status": "ok"})
        if path == "/readyz":
            readiness = await self.probe.readiness()
            return _json(200 if readiness.ready else 503, readiness.as_json())
        if path == "/metrics":
            await self._refresh_inbox_depth()
            return Response(200, CONTENT_TYPE, self.metrics.exposition())
        return None

    async def _refresh_inbox_depth(self) -> None:
        try:
            depth = await asyncio.wait_for(self._inbox_size(), CHECK_TIMEOUT_S)
        except Exception:  # the scrape still answers; /readyz says what is wrong
            log.warning("could not read the update inbox depth for /metrics", exc_info=True)
            return
        self.metrics.inbox_depth(depth)


class Monitoring:
    """The endpoints of one Application and the servers they are on."""

    def __init__(self, endpoints: MonitoringEndpoints) -> None:
        self.endpoints = endpoints
        self._runners: list[web.AppRunner] = []

    def add_routes(self, app: web.Application) -> None:
        """Serve :data:`PATHS` on the aiohttp ``app`` too, beside its own routes (call it
        before the app starts: aiohttp freezes its routes then)."""
        for path in PATHS:
            app.router.add_get(path, self._serve)

    async def start_server(self, host: str, port: int) -> None:
        """Listen on ``host:port`` for :data:`PATHS` (only them) until :meth:`aclose`.

        Raises:
            MonitoringAddressError: the address cannot be bound (in use, not this machine's).
        """
        app = web.Application()
        self.add_routes(app)
        # No access log: a scrape every few seconds is not news.
        runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await runner.setup()
        try:
            await web.TCPSite(runner, host, port).start()
        except OSError as error:
            await runner.cleanup()
            raise MonitoringAddressError(
                f"cannot serve the metrics on {host}:{port} ([metrics] host and port): "
                f"{error.strerror or error}. Choose a free port (or 0 to serve none) and an "
                "address of this machine."
            ) from error
        self._runners.append(runner)
        log.info("serving /metrics, /healthz and /readyz on http://%s:%d", host, port)

    async def aclose(self) -> None:
        """Stop the servers :meth:`start_server` started."""
        runners, self._runners = self._runners, []
        for runner in runners:
            await runner.cleanup()

    async def _serve(self, request: web.Request) -> web.Response:
        response = await self.endpoints.respond(request.path)
        if response is None:  # not routed here: aiohttp answers 404 before
            raise web.HTTPNotFound()
        return web.Response(
            status=response.status,
            body=response.body,
            headers={"Content-Type": response.content_type, "Cache-Control": "no-store"},
        )
