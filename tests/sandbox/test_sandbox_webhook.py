"""Webhook delivery as Telegram does it: POSTs with the secret header, retries on anything but
2xx, in turn over the processes behind the URL (the sandbox plays the reverse proxy too)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest
import telegram
from aiohttp import web
from telegram.error import Conflict

from bot.sandbox import Sandbox

from .conftest import USER_ID

SECRET = "s3cret-token_for-tests"


@dataclass
class Backend:
    """A process behind the webhook URL: answers with ``statuses`` in turn (then 200)."""

    statuses: list[int] = field(default_factory=list)
    received: list[tuple[int, str | None]] = field(default_factory=list)
    url: str = ""

    async def handle(self, request: web.Request) -> web.Response:
        update = await request.json()
        self.received.append(
            (update["update_id"], request.headers.get("X-Telegram-Bot-Api-Secret-Token"))
        )
        return web.Response(status=self.statuses.pop(0) if self.statuses else 200)


@pytest.fixture
async def backends() -> AsyncIterator[list[Backend]]:
    started = []
    runners = []
    for _ in range(2):
        backend = Backend()
        app = web.Application()
        app.router.add_post("/hook", backend.handle)
        runner = web.AppRunner(app)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        backend.url = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
        started.append(backend)
        runners.append(runner)
    yield started
    for runner in runners:
        await runner.cleanup()


async def _until(condition, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.02)


async def test_updates_go_to_the_backends_in_turn_with_the_secret(
    bot: telegram.Bot, sandbox: Sandbox, backends: list[Backend]
) -> None:
    sandbox.set_webhook_backends([b.url for b in backends])
    await bot.set_webhook("https://bot.example/hook", secret_token=SECRET)
    for text in ("one", "two", "three", "four"):
        sandbox.send_text(USER_ID, USER_ID, text)
    await _until(lambda: sum(len(b.received) for b in backends) == 4)
    assert len(backends[0].received) == len(backends[1].received) == 2
    assert {secret for b in backends for _, secret in b.received} == {SECRET}
    assert (await bot.get_webhook_info()).pending_update_count == 0


async def test_a_failed_delivery_is_retried_on_the_next_backend(
    bot: telegram.Bot, sandbox: Sandbox, backends: list[Backend]
) -> None:
    backends[0].statuses = [500]
    sandbox.set_webhook_backends([b.url for b in backends])
    await bot.set_webhook("https://bot.example/hook", secret_token=SECRET)
    update = sandbox.send_text(USER_ID, USER_ID, "hello")
    await _until(lambda: backends[1].received)
    [(first_id, _)] = backends[0].received
    assert backends[1].received == [(first_id, SECRET)]
    assert [a.status for a in sandbox.webhook_attempts] == [500, 200]
    info = await bot.get_webhook_info()
    assert info.pending_update_count == 0
    assert "500" in (info.last_error_message or "")
    assert update["message_id"] == 1


async def test_an_unreachable_process_is_retried_until_one_answers(
    bot: telegram.Bot, sandbox: Sandbox, backends: list[Backend]
) -> None:
    sandbox.set_webhook_backends(["http://127.0.0.1:9/hook", backends[0].url])  # port 9: closed
    await bot.set_webhook("https://bot.example/hook", secret_token=SECRET)
    sandbox.send_text(USER_ID, USER_ID, "hello")
    await _until(lambda: backends[0].received)
    assert [a.status for a in sandbox.webhook_attempts] == [None, 200]
    assert sandbox.webhook_attempts[0].error


async def test_getupdates_is_refused_while_a_webhook_is_set(
    bot: telegram.Bot, sandbox: Sandbox
) -> None:
    await bot.set_webhook("https://bot.example/hook")
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates(timeout=0)
