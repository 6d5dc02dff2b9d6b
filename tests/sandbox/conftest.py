"""A fresh sandbox per test, with one user, and a real python-telegram-bot ``Bot`` on it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import telegram

from bot.sandbox import Sandbox

USER_ID = 42
GROUP_ID = -1001234567890
CHANNEL_ID = -1009876543210


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    async with Sandbox() as running:
        running.add_user(USER_ID, "Ann", "ann")
        running.add_chat(GROUP_ID, "supergroup", title="Readers")
        running.add_chat(CHANNEL_ID, "channel", title="News", username="newsroom")
        yield running


@pytest.fixture
async def bot(sandbox: Sandbox) -> AsyncIterator[telegram.Bot]:
    async with telegram.Bot(
        sandbox.token, base_url=sandbox.base_url, base_file_url=sandbox.base_file_url
    ) as client:
        yield client
