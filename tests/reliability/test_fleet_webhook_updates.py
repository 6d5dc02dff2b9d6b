"""An update is handled exactly once by a fleet of webhook processes, whatever is killed when.

Telegram (the sandbox) POSTs each update to the processes in turn and delivers it again to the
next one when a process does not answer 2xx. A process stores an update before it answers, so:

* killed before it read the update: no answer, the next process gets it;
* killed after it stored the update, while handling it: the update waits in the inbox, claimed
  by the dead process, until that process's lease runs out; then a live process takes it over
  (or the same process, restarted).

The reply counted here is /help's (one message); a second copy would be a duplicate.
"""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import pytest

from bot.sandbox import Sandbox

from .fleet import LEASE_SECONDS, backend_of, stop_all, webhook_fleet
from .harness import BotProcess

pytestmark = pytest.mark.slow

USER_ID = 1001
#: After the reply: long enough for a second copy to show up if any process were to send one.
SETTLE = LEASE_SECONDS * 2


@pytest.fixture
async def sandbox() -> Sandbox:
    async with Sandbox(webhook_timeout=30) as running:
        running.add_user(USER_ID, "Ann", "ann")
        yield running


async def _help_replies(sandbox: Sandbox) -> int:
    return sum(1 for sent in sandbox.messages_to(USER_ID) if not sent.is_edit)


async def _process_reached_by_next_post(
    sandbox: Sandbox, processes: list[BotProcess]
) -> BotProcess:
    """The process the sandbox's next POST goes to (the turn after the last attempt)."""
    done = len(sandbox.webhook_attempts)
    backends = [backend_of(process) for process in processes]
    return processes[done % len(backends)]


async def test_an_update_to_a_process_killed_before_it_answered_reaches_the_other(
    sandbox: Sandbox, tmp_path: Path, library_target: str | Path
) -> None:
    processes = webhook_fleet(sandbox, tmp_path, 2, db_path=library_target)
    try:
        for process in processes:
            await process.start()
        frozen = await _process_reached_by_next_post(sandbox, processes)
        assert frozen.process is not None
        os.kill(frozen.process.pid, signal.SIGSTOP)  # it accepts the connection, never answers
        sandbox.send_command(USER_ID, USER_ID, "/help")
        await asyncio.sleep(1.0)
        assert await _help_replies(sandbox) == 0
        await frozen.kill(signal.SIGKILL)
        await sandbox.wait_for_messages(USER_ID, 1, timeout=15)
        await asyncio.sleep(SETTLE)
    finally:
        await stop_all(processes)
    assert await _help_replies(sandbox) == 1
    attempts = sandbox.webhook_attempts
    assert attempts[0].backend == backend_of(frozen) and attempts[0].status is None
    assert attempts[-1].status == 200 and attempts[-1].backend != backend_of(frozen)


async def test_an_update_stored_by_a_process_killed_while_handling_it_is_taken_over(
    sandbox: Sandbox, tmp_path: Path, library_target: str | Path
) -> None:
    processes = webhook_fleet(sandbox, tmp_path, 2, db_path=library_target)
    try:
        for process in processes:
            await process.start()
        receiver = await _process_reached_by_next_post(sandbox, processes)
        sandbox.hold_calls("sendMessage")  # the reply hangs: the update is stored, answered
        sandbox.send_command(USER_ID, USER_ID, "/help")
        await sandbox.wait_for_held(1, timeout=10)
        assert [a.status for a in sandbox.webhook_attempts] == [200]
        await receiver.kill(signal.SIGKILL)
        sandbox.stop_holding()  # the held call is dropped, never executed
        await sandbox.wait_for_messages(USER_ID, 1, timeout=LEASE_SECONDS + 15)
        await asyncio.sleep(SETTLE)
    finally:
        await stop_all(processes)
    assert await _help_replies(sandbox) == 1
    assert len(sandbox.webhook_attempts) == 1  # Telegram was answered once: no re-delivery


async def test_an_update_stored_by_a_killed_process_is_handled_when_it_restarts(
    sandbox: Sandbox, tmp_path: Path, library_target: str | Path
) -> None:
    [process] = webhook_fleet(sandbox, tmp_path, 1, db_path=library_target)
    try:
        await process.start()
        sandbox.hold_calls("sendMessage")
        sandbox.send_command(USER_ID, USER_ID, "/help")
        await sandbox.wait_for_held(1, timeout=10)
        await process.kill(signal.SIGKILL)
        sandbox.stop_holding()
        await process.start()
        await sandbox.wait_for_messages(USER_ID, 1, timeout=LEASE_SECONDS + 15)
        await asyncio.sleep(SETTLE)
        code = await process.kill(signal.SIGTERM)
    finally:
        await stop_all([process])
    assert code == 0, process.log_text()[-3000:]
    assert await _help_replies(sandbox) == 1
