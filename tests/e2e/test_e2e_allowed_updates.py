"""The bot asks Telegram for exactly the update types its handlers use (issue 12, item 11)."""

from __future__ import annotations

import asyncio
import json

from .conftest import USER_ID, BotEnv

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
