"""The update inbox with the real Application: settled when handled, replayed after a crash,
and an update Telegram sends again after the restart is answered once, not twice."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from bot.app import build_application, start_application, stop_application
from bot.sandbox import Sandbox
from storage import Library

from .conftest import USER_ID, make_config


def _answers_about(sandbox: Sandbox, word: str) -> list[str]:
    return [m.text for m in sandbox.messages_to(USER_ID) if word in m.text]


async def test_a_stored_unhandled_update_is_replayed_once_and_its_resend_dropped(
    sandbox: Sandbox, library_target: str | Path
) -> None:
    config = make_config(sandbox, library_target)

    # A normal run: the update is handled and settled, nothing stays in the inbox.
    application = build_application(config)
    await start_application(application, poll_timeout=1)
    sandbox.send_text(USER_ID, USER_ID, "zebrafinch")
    await sandbox.wait_for_messages(USER_ID)
    await stop_application(application)
    with Library(config.storage.target) as library:
        assert library.inbox_pending() == []
        handled_up_to = library.inbox_high_water()
    assert handled_up_to > 0

    # A run killed after storing the next update, before handling or confirming it: the
    # update is in the inbox, and Telegram still has it (it sends it again on the next poll).
    message = sandbox.send_text(USER_ID, USER_ID, "quorvexite")
    crashed_update_id = handled_up_to + 1
    with Library(config.storage.target) as library:
        library.inbox_add(
            [(crashed_update_id, json.dumps({"update_id": crashed_update_id, "message": message}))]
        )

    application = build_application(config)
    await start_application(application, poll_timeout=1)
    try:
        [answer] = await sandbox.wait_for_messages(USER_ID)
        assert "quorvexite" in answer.text
        await sandbox.wait_for_call("getUpdates", len(sandbox.calls("getUpdates")) + 2)
        await asyncio.sleep(0.5)
    finally:
        await stop_application(application)

    resent = [
        update["update_id"]
        for call in sandbox.calls("getUpdates")
        for update in call.get("result") or []
    ]
    assert resent.count(crashed_update_id) == 1  # Telegram did send it again...
    assert len(_answers_about(sandbox, "quorvexite")) == 1  # ...and it was answered once
    with Library(config.storage.target) as library:
        assert library.inbox_pending() == []
    assert sandbox.rejected == []


async def test_updates_are_settled_in_batches_while_the_bot_runs(
    sandbox: Sandbox, library_target: str | Path
) -> None:
    config = make_config(sandbox, library_target)
    application = build_application(config)
    await start_application(application, poll_timeout=1)
    try:
        words = [f"nonesuch{number}" for number in range(30)]
        for word in words:
            sandbox.send_text(USER_ID, USER_ID, word)
        await sandbox.wait_for_messages(USER_ID, count=len(words), timeout=20)
        library = application.bot_data.services.library
        for _ in range(50):  # removals are written just after the handlers finish
            if not await library.inbox_pending():
                break
            await asyncio.sleep(0.05)
        assert await library.inbox_pending() == []
        assert await library.inbox_high_water() >= len(words)
    finally:
        await stop_application(application)
    for word in words:
        assert len(_answers_about(sandbox, f"“{word}”")) == 1
