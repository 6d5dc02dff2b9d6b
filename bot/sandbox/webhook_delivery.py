"""Webhook delivery: the sandbox POSTs pending updates to the bot, as Telegram does.

Telegram sends each update to the webhook URL as a JSON POST, with the secret token of
``setWebhook`` in the ``X-Telegram-Bot-Api-Secret-Token`` header, up to ``max_connections``
requests at once, oldest update first. An update is forgotten once the webhook answered with a
2xx status; any other answer, a dropped connection or no answer within the timeout counts as a
failure: the update stays pending and is sent again after a delay that grows with each failure,
and ``getWebhookInfo`` shows the last error.

The webhook URL is public HTTPS; behind it a reverse proxy spreads requests over the bot's
processes. The sandbox plays that proxy too: :meth:`WebhookDelivery.set_backends` names the
processes' local addresses, and each request (a retry included) goes to the next one in turn,
so a retry after a process died reaches another process.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from dataclasses import dataclass

import aiohttp

from .world import World

__all__ = ["WebhookAttempt", "WebhookDelivery", "WebhookScripting"]

#: Telegram waits longer between attempts the more an update failed; these are the sandbox's.
FIRST_RETRY_SECONDS = 0.5
MAX_RETRY_SECONDS = 8.0


@dataclass(frozen=True)
class WebhookAttempt:
    """One POST of an update: where it went and the status (None: no HTTP answer)."""

    update_id: int
    backend: str
    status: int | None
    error: str | None


class WebhookDelivery:
    """Delivers ``world.updates`` while a webhook is set and backends are known."""

    def __init__(self, world: World, *, timeout: float) -> None:
        self._world = world
        self._timeout = timeout
        self._backends: list[str] = []
        self._turn = itertools.count()
        self._in_flight: set[int] = set()
        self._retry_at: dict[int, float] = {}
        self._failures: dict[int, int] = {}
        self.attempts: list[WebhookAttempt] = []
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._posts: set[asyncio.Task[None]] = set()
        self._session: aiohttp.ClientSession | None = None

    def set_backends(self, urls: list[str]) -> None:
        """The local addresses the proxy behind the webhook URL forwards to, in turn."""
        self._backends = list(urls)
        self._world.notifier.changed()

    def start(self) -> None:
        self._stopping = False
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self._timeout))
        self._task = asyncio.create_task(self._run(), name="sandbox-webhook-delivery")

    async def stop(self) -> None:
        # A flag rather than cancelling the loop: Python 3.11's wait_for can swallow a
        # cancellation that arrives as the notifier wakes it, and the loop would run on.
        self._stopping = True
        self._world.notifier.changed()
        if self._task is not None:
            await self._task
            self._task = None
        for post in list(self._posts):
            post.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await post
        if self._session is not None:
            await self._session.close()
            self._session = None

    def _ready(self) -> list[dict]:
        """Updates to send now: pending, allowed, not in flight, not waiting for a retry."""
        if not self._world.webhook.get("url") or not self._backends:
            return []
        now = time.monotonic()
        room = int(self._world.webhook.get("max_connections", 40)) - len(self._in_flight)
        ready = [
            update
            for update in self._world.deliverable_updates(100)
            if update["update_id"] not in self._in_flight
            and self._retry_at.get(update["update_id"], 0) <= now
        ]
        return ready[: max(room, 0)]

    def _next_retry_in(self) -> float:
        pending = [at for key, at in self._retry_at.items() if key not in self._in_flight]
        return max(min(pending) - time.monotonic(), 0.01) if pending else 1.0

    async def _run(self) -> None:
        while not self._stopping:
            await self._world.notifier.wait_for(
                lambda: self._stopping or bool(self._ready()), self._next_retry_in()
            )
            if self._stopping:
                return
            for update in self._ready():
                self._in_flight.add(update["update_id"])
                post = asyncio.create_task(self._post(update))
                self._posts.add(post)
                post.add_done_callback(self._posts.discard)

    async def _post(self, update: dict) -> None:
        assert self._session is not None
        update_id = update["update_id"]
        backend = self._backends[next(self._turn) % len(self._backends)]
        headers = {}
        if self._world.webhook.get("secret_token"):
            headers["X-Telegram-Bot-Api-Secret-Token"] = self._world.webhook["secret_token"]
        status: int | None = None
        error: str | None = None
        try:
            async with self._session.post(backend, json=update, headers=headers) as response:
                status = response.status
                await response.read()
                if not 200 <= status < 300:
                    error = f"Wrong response from the webhook: {status} {response.reason}"
        except (aiohttp.ClientError, TimeoutError) as failure:
            error = f"Connection failed: {type(failure).__name__}"
        self.attempts.append(WebhookAttempt(update_id, backend, status, error))
        if error is None:
            self._world.updates = [u for u in self._world.updates if u["update_id"] != update_id]
            self._retry_at.pop(update_id, None)
            self._failures.pop(update_id, None)
        else:
            failures = self._failures[update_id] = self._failures.get(update_id, 0) + 1
            delay = min(FIRST_RETRY_SECONDS * 2 ** (failures - 1), MAX_RETRY_SECONDS)
            self._retry_at[update_id] = time.monotonic() + delay
            self._world.webhook["last_error_date"] = int(time.time())
            self._world.webhook["last_error_message"] = error
        self._in_flight.discard(update_id)
        self._world.notifier.changed()


class WebhookScripting:
    """The webhook half of :class:`bot.sandbox.Sandbox`'s scripting API."""

    _webhook: WebhookDelivery

    def set_webhook_backends(self, urls: list[str]) -> None:
        """Play the reverse proxy behind the webhook URL the bot sets: POST each update to
        these addresses (``http://127.0.0.1:PORT/path``), one after the other, retries too."""
        self._webhook.set_backends(urls)

    @property
    def webhook_attempts(self) -> list[WebhookAttempt]:
        """Every POST of an update so far, failed ones included, in order."""
        return self._webhook.attempts
