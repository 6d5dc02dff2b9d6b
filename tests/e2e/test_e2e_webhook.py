"""Webhook mode in one process: the real Application behind bot.webhook.DurableWebhook, the
sandbox delivering updates to it as Telegram does."""

from __future__ import annotations

import asyncio
import dataclasses
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.app import WebhookMode, build_application, start_with_webhook, stop_application
from bot.config import Config
from bot.sandbox import Sandbox
from bot.services import App
from storage import Library

from .conftest import USER_ID, make_config

URL = "https://bot.example/telegram/hook"
SECRET = "e2e-webhook-secret_0123"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
async def webhook_bot(
    sandbox: Sandbox, library_target: str | Path
) -> AsyncIterator[tuple[App, Config, str]]:
    base = make_config(sandbox, library_target)
    port = _free_port()
    telegram = dataclasses.replace(
        base.telegram, mode="webhook", webhook_url=URL, webhook_secret=SECRET, webhook_port=port
    )
    config = dataclasses.replace(base, telegram=telegram)
    application = build_application(config)
    mode: WebhookMode = await start_with_webhook(application, config)
    local = f"http://127.0.0.1:{port}/telegram/hook"
    sandbox.set_webhook_backends([local])
    yield application, config, local
    await mode.stop()
    await stop_application(application)


async def test_an_update_delivered_by_webhook_is_answered_and_settled(
    sandbox: Sandbox, webhook_bot: tuple[App, Config, str]
) -> None:
    _, config, _ = webhook_bot
    assert sandbox.calls("setWebhook")[-1]["params"]["url"] == URL
    sandbox.send_command(USER_ID, USER_ID, "/help")
    await sandbox.wait_for_messages(USER_ID, 1, timeout=10)
    await asyncio.sleep(0.3)  # the removal from the inbox is coalesced
    with Library(config.storage.path) as library:
        assert library.inbox_pending() == []
    assert [a.status for a in sandbox.webhook_attempts] == [200]


async def test_posts_without_the_secret_or_not_updates_are_refused(
    sandbox: Sandbox, webhook_bot: tuple[App, Config, str]
) -> None:
    _, config, local = webhook_bot
    update = {"update_id": 4242, "message": {"message_id": 1, "date": 0, "chat": {"id": 1}}}
    async with aiohttp.ClientSession() as session:
        async with session.post(local, json=update) as response:
            assert response.status == 403
        wrong = {"X-Telegram-Bot-Api-Secret-Token": "guess"}
        async with session.post(local, json=update, headers=wrong) as response:
            assert response.status == 403
        right = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        async with session.post(local, data=b"not json", headers=right) as response:
            assert response.status == 400
        async with session.post(local, json={"no": "update_id"}, headers=right) as response:
            assert response.status == 400
    with Library(config.storage.path) as library:
        assert library.inbox_pending() == []


async def test_an_update_delivered_twice_is_handled_once(
    sandbox: Sandbox, webhook_bot: tuple[App, Config, str]
) -> None:
    _, _, local = webhook_bot
    message = sandbox.send_command(USER_ID, USER_ID, "/help")
    await sandbox.wait_for_messages(USER_ID, 1, timeout=10)
    [first] = sandbox.webhook_attempts
    again = {"update_id": first.update_id, "message": message}
    async with aiohttp.ClientSession() as session:
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        async with session.post(local, json=again, headers=headers) as response:
            assert response.status == 200  # Telegram must stop re-sending it
    await asyncio.sleep(1.0)
    assert len(sandbox.messages_to(USER_ID)) == 1
