"""The bot asks Telegram for exactly the update types its handlers use (issue 12, item 11)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
from pathlib import Path

import pytest

from bot.app import serve
from bot.config import load_config
from bot.sandbox import Sandbox

from .conftest import USER_ID, BotEnv, storage_env

EXPECTED = ["message", "channel_post", "inline_query", "callback_query", "my_chat_member"]


async def test_polling_asks_for_the_handlers_update_types_only(bot_env: BotEnv) -> None:
    sandbox = bot_env.sandbox
    [first, *_] = await sandbox.wait_for_call("getUpdates")
    assert json.loads(str(first["params"]["allowed_updates"])) == EXPECTED
    # An update type no handler reads (a reaction, an edit) is not even delivered ...
    sandbox.inject_update(
        {
            "edited_message": {
                "message_id": 1,
                "date": 1_700_000_000,
                "edit_date": 1_700_000_100,
                "chat": {"id": USER_ID, "type": "private"},
                "text": "/latest",
            }
        }
    )
    # ... while a message still is, and is answered.
    sandbox.send_command(USER_ID, USER_ID, "/latest")
    await sandbox.wait_for_messages(USER_ID)
    await asyncio.sleep(0.3)
    delivered = [
        update for call in sandbox.calls("getUpdates") for update in call.get("result") or []
    ]
    assert delivered and all("edited_message" not in update for update in delivered)
    assert sandbox.rejected == []


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_serve_asks_for_the_handlers_update_types_in_either_mode(
    library_target: str | Path, mode: str
) -> None:
    async with Sandbox() as sandbox:
        config = load_config(
            env={
                "DIGEST_BOT_TOKEN": sandbox.token,
                "DIGEST_BOT_TELEGRAM_BASE_URL": sandbox.base_url,
                "DIGEST_BOT_TELEGRAM_BASE_FILE_URL": sandbox.base_file_url,
                "DIGEST_BOT_TELEGRAM_MODE": mode,
                "DIGEST_BOT_TELEGRAM_WEBHOOK_URL": "https://bot.example.com/hook",
                "DIGEST_BOT_TELEGRAM_WEBHOOK_SECRET": "webhook-secret-0123",
                "DIGEST_BOT_TELEGRAM_WEBHOOK_PORT": str(_free_port()),
                **storage_env(library_target),
            }
        )
        serving = asyncio.create_task(serve(config))
        try:
            # A webhook is set with the types it is to be sent; polling asks for them each time.
            method = "setWebhook" if mode == "webhook" else "getUpdates"
            [first, *_] = await sandbox.wait_for_call(method, timeout=30)
            assert json.loads(str(first["params"]["allowed_updates"])) == EXPECTED
        finally:
            serving.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await serving
