"""Polling mode is one process per bot: a second poller makes Telegram answer 409 Conflict to
the first one's getUpdates (the newer request wins), and the first stops, saying why and what
to run instead. The second goes on serving."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import pytest

from bot.sandbox import Sandbox

from .fleet import stop_all
from .harness import BotProcess

pytestmark = pytest.mark.slow

USER_ID = 1001


async def test_a_second_poller_stops_the_first_with_a_clear_message(tmp_path: Path) -> None:
    async with Sandbox() as sandbox:
        sandbox.add_user(USER_ID, "Ann", "ann")
        (tmp_path / "a").mkdir()
        (tmp_path / "b").mkdir()
        first = BotProcess(sandbox, tmp_path / "a")
        second = BotProcess(sandbox, tmp_path / "b")
        try:
            await first.start()
            await second.start()
            assert first.process is not None
            code = await asyncio.to_thread(first.process.wait, 20)
            first.process = None
            sandbox.send_command(USER_ID, USER_ID, "/help")
            await sandbox.wait_for_messages(USER_ID, 1, timeout=15)
            assert second.running
            assert await second.kill(signal.SIGTERM) == 0
        finally:
            await stop_all([first, second])
    assert code == 1
    message = first.log_text()
    assert "409 Conflict" in message and "digest-bot run --webhook" in message
    assert message.rstrip().splitlines()[-1].startswith("Error: Telegram answered 409 Conflict")
