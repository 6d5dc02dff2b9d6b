"""A SIGKILL loses no update: what the bot fetched but had not handled is answered after the
restart, exactly once; and the update processor settles handled updates, not interrupted ones.
"""

from __future__ import annotations

import asyncio
import json
import signal
from pathlib import Path

import pytest
from telegram import Update

from bot import inbox as inbox_module
from bot.inbox import InboxNotAttachedError, InboxUpdateProcessor, UpdateInbox
from bot.metrics import BotMetrics
from bot.sandbox import Sandbox
from storage import AsyncLibrary, Library, LibraryClosedError

from .harness import BotProcess

USERS = (1001, 1002)
WORDS_PER_USER = 3


@pytest.mark.slow
async def test_updates_in_flight_at_a_sigkill_are_answered_once_after_the_restart(
    sandbox: Sandbox, tmp_path: Path, library_target: str | Path
) -> None:
    bot = BotProcess(sandbox, tmp_path, db_path=library_target)
    await bot.start()
    sandbox.hold_calls("sendMessage")  # every handler hangs on its reply
    words = {(user, f"quorvex{user}x{n}") for user in USERS for n in range(WORDS_PER_USER)}
    for user, word in sorted(words):
        sandbox.send_text(user, user, word)
    await sandbox.wait_for_held(len(words))
    # The Updater has polled again, confirming the batch: Telegram will not send it again.
    polls = len(sandbox.calls("getUpdates"))
    await sandbox.wait_for_call("getUpdates", polls + 1)
    await bot.kill(signal.SIGKILL)
    sandbox.stop_holding()  # the held replies are dropped: nobody was answered
    assert [m for m in sandbox.sent if "quorvex" in m.text] == []
    with Library(bot.db_path) as library:
        assert len(library.inbox_pending()) == len(words)

    await bot.start()
    try:
        for user in USERS:
            await sandbox.wait_for_messages(user, count=WORDS_PER_USER, timeout=20)
        await asyncio.sleep(1.0)  # time for a second answer, if any were coming
    finally:
        code = await bot.kill(signal.SIGTERM)
    assert code == 0, bot.log_text()[-3000:]
    for user, word in words:
        answers = [m.text for m in sandbox.messages_to(user) if f"“{word}”" in m.text]
        assert len(answers) == 1, (word, answers)
    assert f"replaying {len(words)} update(s)" in bot.log_text()
    with Library(bot.db_path) as library:
        assert library.inbox_pending() == []
    assert sandbox.rejected == []


async def _processed(processor: InboxUpdateProcessor, update_id: int, outcome: str) -> None:
    async def handler() -> None:
        if outcome == "raises":
            raise ValueError("handler failed")
        if outcome == "cancelled":
            raise asyncio.CancelledError

    update = Update(update_id)
    if outcome == "handled":
        await processor.process_update(update, handler())
    else:
        expected = ValueError if outcome == "raises" else asyncio.CancelledError
        with pytest.raises(expected):
            await processor.process_update(update, handler())


async def test_the_processor_settles_handled_and_failed_updates_but_not_interrupted_ones(
    library_target: str | Path,
) -> None:
    library = await AsyncLibrary.open(library_target)
    inbox = UpdateInbox()
    inbox.attach(library)
    processor = InboxUpdateProcessor(inbox, max_concurrent_updates=4, metrics=BotMetrics())
    try:
        await library.inbox_add([(1, "{}"), (2, "{}"), (3, "{}")])
        await _processed(processor, 1, "handled")
        await _processed(processor, 2, "raises")  # not replayed forever
        await _processed(processor, 3, "cancelled")  # never finished: replayed on start
        await processor.shutdown()
        assert await library.inbox_pending() == [(3, "{}")]
    finally:
        await library.aclose()


async def test_admit_stores_new_updates_and_drops_those_stored_before(
    library_target: str | Path,
) -> None:
    library = await AsyncLibrary.open(library_target)
    inbox = UpdateInbox()
    inbox.attach(library)
    try:
        first = await inbox.admit([Update(10), Update(11)])
        assert [u.update_id for u in first] == [10, 11]
        again = await inbox.admit([Update(11), Update(12)])  # 11 re-sent after a restart
        assert [u.update_id for u in again] == [12]
        stored = await library.inbox_pending()
        assert [update_id for update_id, _ in stored] == [10, 11, 12]
        assert Update.de_json(json.loads(stored[2][1]), None) == Update(12)
    finally:
        await library.aclose()


async def test_a_batch_that_cannot_be_stored_is_not_handed_on(
    library_target: str | Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inbox_module, "STORE_RETRY_DELAY", 0.0)
    library = await AsyncLibrary.open(library_target)
    inbox = UpdateInbox()
    with pytest.raises(InboxNotAttachedError, match="attach one in post_init"):
        await inbox.admit([Update(1)])
    inbox.attach(library)
    await library.aclose()
    with pytest.raises(LibraryClosedError):
        await inbox.admit([Update(1)])
