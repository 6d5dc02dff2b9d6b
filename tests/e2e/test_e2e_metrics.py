"""/metrics, /healthz and /readyz over real HTTP: on [metrics] port while polling the sandbox,
and on the webhook port in webhook mode; the counters move with what the bot does."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import pytest

from bot.app import serve
from bot.config import load_config
from bot.metrics import METRIC_NAMES
from bot.sandbox import Sandbox

from .conftest import USER_ID, BotEnv, storage_env
from .metrics_scrape import free_port, sample, wait_for_sample

ARTICLE = """Harbour Ferry Returns After Winter Repairs

PORT ALDWIN, March 3, 2024 - The harbour ferry resumed its crossings on Sunday after two months \
in dry dock.

"Passengers told us they missed the morning crossing more than anything," harbour master \
Elena Brooks said on Sunday.

The ferry runs every forty minutes until the end of October.
"""


@pytest.fixture
async def metered(make_bot: Callable[..., Awaitable[BotEnv]]) -> tuple[BotEnv, str]:
    """A polling bot serving its metrics on a port of their own; returns it and the base URL."""
    port = free_port()
    env = await make_bot(metrics={"port": port, "host": "127.0.0.1"})
    return env, f"http://127.0.0.1:{port}"


async def test_a_stored_article_and_its_update_are_counted(metered: tuple[BotEnv, str]) -> None:
    env, base = metered
    async with httpx.AsyncClient() as client:
        before = (await client.get(f"{base}/metrics")).text
    assert sample(before, "digest_bot_articles_stored_total", kind="message") == 0
    for name in METRIC_NAMES:  # every metric is declared, if only by its HELP line
        assert f"# HELP {name.removesuffix('_total')}" in before, name
    env.sandbox.send_text(USER_ID, USER_ID, ARTICLE)
    await env.sandbox.wait_for_messages(USER_ID)
    await wait_for_sample(base, "digest_bot_articles_stored_total", 1, kind="message")
    after = await wait_for_sample(base, "digest_bot_updates_handled_total", 1, type="message")
    # The same article again is a duplicate, not a second article.
    env.sandbox.send_text(USER_ID, USER_ID, ARTICLE)
    await env.sandbox.wait_for_messages(USER_ID)
    after = await wait_for_sample(base, "digest_bot_articles_duplicate_total", 1, kind="message")
    assert sample(after, "digest_bot_articles_stored_total", kind="message") == 1
    assert str(USER_ID) not in after  # no chat or user id ever becomes a label


async def test_a_search_records_a_latency_sample(
    metered: tuple[BotEnv, str], store_article: Callable[..., Awaitable[int]]
) -> None:
    env, base = metered
    await store_article(env, USER_ID, "Ferry timetable changes")
    env.sandbox.send_text(USER_ID, USER_ID, "ferry")
    [answer] = await env.sandbox.wait_for_messages(USER_ID)
    assert "Ferry timetable changes" in answer.text
    scrape = await wait_for_sample(base, "digest_bot_search_seconds_count", 1, where="chat")
    assert 0 < sample(scrape, "digest_bot_search_seconds_sum", where="chat") < 10


async def test_a_429_and_its_retry_are_counted(metered: tuple[BotEnv, str]) -> None:
    env, base = metered
    env.sandbox.fail_next(1, method="sendMessage", error_code=429, retry_after=1)
    env.sandbox.send_text(USER_ID, USER_ID, "ferry")
    await env.sandbox.wait_for_messages(USER_ID)  # the rate limiter waited and sent it again
    scrape = await wait_for_sample(
        base, "digest_bot_telegram_rate_limited_total", 1, method="sendMessage"
    )
    retries = sample(
        scrape, "digest_bot_telegram_retries_total", method="sendMessage", reason="rate_limit"
    )
    assert retries == 1


async def test_health_and_readiness_answer_200_when_all_is_well(
    metered: tuple[BotEnv, str],
) -> None:
    _, base = metered
    async with httpx.AsyncClient() as client:
        health = await client.get(f"{base}/healthz")
        ready = await client.get(f"{base}/readyz")
        unknown = await client.get(f"{base}/")
    assert (health.status_code, health.json()) == (200, {"status": "ok"})
    assert (ready.status_code, ready.json()) == (200, {"ready": True})
    assert unknown.status_code == 404  # the metrics port serves the three paths only


async def test_readiness_is_503_with_the_reason_when_the_database_is_closed(
    metered: tuple[BotEnv, str],
) -> None:
    env, base = metered
    await env.library.aclose()
    async with httpx.AsyncClient() as client:
        ready = await client.get(f"{base}/readyz")
        health = await client.get(f"{base}/healthz")
        scrape = await client.get(f"{base}/metrics")
    assert ready.status_code == 503
    assert ready.json()["ready"] is False
    assert set(ready.json()["reasons"]) == {"database"}
    assert "LibraryClosedError" in ready.json()["reasons"]["database"]
    assert health.status_code == 200  # up, though not ready
    assert scrape.status_code == 200  # a scrape still answers


async def test_readiness_is_503_when_telegram_does_not_answer_and_the_answer_is_cached(
    metered: tuple[BotEnv, str],
) -> None:
    env, base = metered
    get_me_calls = len(env.sandbox.calls("getMe"))
    env.sandbox.stall_next(1, method="getMe", seconds=10)
    async with httpx.AsyncClient(timeout=15) as client:
        first, second = await asyncio.gather(
            client.get(f"{base}/readyz"), client.get(f"{base}/readyz")
        )
        again = await client.get(f"{base}/readyz")
    for answer in (first, second, again):
        assert answer.status_code == 503
        assert answer.json()["reasons"] == {"telegram": "no answer within 3 s"}
    # Two probes at once and one just after: a single getMe between them (the stalled one).
    assert len(env.sandbox.calls("getMe")) - get_me_calls == 1
    assert len(env.sandbox.disrupted_calls("getMe")) == 1


async def test_webhook_mode_serves_the_endpoints_on_the_webhook_port(
    library_target: str | Path,
) -> None:
    port, metrics_port = free_port(), free_port()
    secret = "webhook-secret-0123"
    async with Sandbox() as sandbox:
        sandbox.add_user(USER_ID, "Ann", "ann")
        config = load_config(
            env={
                "DIGEST_BOT_TOKEN": sandbox.token,
                "DIGEST_BOT_TELEGRAM_BASE_URL": sandbox.base_url,
                "DIGEST_BOT_TELEGRAM_BASE_FILE_URL": sandbox.base_file_url,
                "DIGEST_BOT_TELEGRAM_MODE": "webhook",
                "DIGEST_BOT_TELEGRAM_WEBHOOK_URL": "https://bot.example.com/hook",
                "DIGEST_BOT_TELEGRAM_WEBHOOK_SECRET": secret,
                "DIGEST_BOT_TELEGRAM_WEBHOOK_PORT": str(port),
                **storage_env(library_target),
                "DIGEST_BOT_METRICS_PORT": str(metrics_port),
            }
        )
        serving = asyncio.create_task(serve(config))
        base = f"http://127.0.0.1:{port}"
        apart = f"http://127.0.0.1:{metrics_port}"
        try:
            await sandbox.wait_for_call("setWebhook", timeout=30)
            async with httpx.AsyncClient() as client:
                await _wait_until_serving(client, f"{base}/healthz")
                assert (await client.get(f"{base}/readyz")).json() == {"ready": True}
                # Telegram posts an update to the webhook, as JSON with the secret header.
                message = sandbox.send_text(USER_ID, USER_ID, ARTICLE)
                posted = await client.post(
                    f"{base}/hook",
                    content=json.dumps({"update_id": 5001, "message": message}),
                    headers={
                        "Content-Type": "application/json",
                        "X-Telegram-Bot-Api-Secret-Token": secret,
                    },
                )
                assert posted.status_code == 200
            await sandbox.wait_for_messages(USER_ID)
            await wait_for_sample(base, "digest_bot_articles_stored_total", 1, kind="message")
            await wait_for_sample(base, "digest_bot_updates_handled_total", 1, type="message")
            # [metrics] port serves the same registry apart from the webhook's address.
            await wait_for_sample(apart, "digest_bot_articles_stored_total", 1, kind="message")
        finally:
            serving.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await serving


async def _wait_until_serving(client: httpx.AsyncClient, url: str, timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        with contextlib.suppress(httpx.TransportError):
            if (await client.get(url)).status_code == 200:
                return
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"nothing serves {url}")
        await asyncio.sleep(0.05)
