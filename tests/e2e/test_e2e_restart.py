"""Digests survive stopping and killing the bot: ``python -m bot run`` as a real subprocess,
talking to the sandbox in this test process, with its library in a file both can open."""

from __future__ import annotations

import asyncio
import datetime as dt
import signal
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from bot.delivery import delivery_period
from bot.sandbox import Sandbox
from storage.aio import AsyncLibrary
from storage.models import Subscription

from ..digest.digest_articles import ARTICLES_FOR_THREE_PARTS, digest_article
from ..reliability.harness import BotProcess
from .conftest import GROUP_ID, USER_ID

pytestmark = pytest.mark.slow

OpenLibrary = Callable[[], Awaitable[AsyncLibrary]]


@pytest.fixture
async def bot_process(
    sandbox: Sandbox, tmp_path: Path, library_target: str | Path
) -> AsyncIterator[BotProcess]:
    sandbox.set_member(GROUP_ID, USER_ID, "administrator")
    process = BotProcess(sandbox, tmp_path, db_path=library_target)
    yield process
    if process.process is not None:
        await process.kill(signal.SIGTERM)


@pytest.fixture
async def open_library(
    bot_process: BotProcess,
) -> AsyncIterator[OpenLibrary]:
    """The bot's library file, opened from the test (the bot must have created it first)."""
    opened: list[AsyncLibrary] = []

    async def opener() -> AsyncLibrary:
        if not opened:
            opened.append(await AsyncLibrary.open(bot_process.db_path))
        return opened[0]

    yield opener
    for library in opened:
        await library.aclose()


async def subscribe_in_group(bot_process: BotProcess, library: AsyncLibrary) -> Subscription:
    bot_process.sandbox.send_command(GROUP_ID, USER_ID, "/subscribe 09:00 UTC")
    [answer] = await bot_process.sandbox.wait_for_messages(GROUP_ID, timeout=10)
    assert "Subscribed this chat" in answer.text
    # The bot settles the update in its inbox just after replying; killed before that, it would
    # replay /subscribe on restart ("Already subscribed"), which these tests are not about.
    for _ in range(100):
        if not await library.inbox_pending():
            break
        await asyncio.sleep(0.02)
    [sub] = await library.list_subscriptions(GROUP_ID)
    return sub


def digest_messages(sandbox: Sandbox) -> list[str]:
    return [m.text for m in sandbox.messages_to(GROUP_ID) if m.text.startswith("Digest")]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
async def test_digest_due_while_the_bot_is_down_arrives_once_after_restart(
    bot_process: BotProcess, open_library: OpenLibrary, signum: int
) -> None:
    await bot_process.start()
    library = await open_library()
    sub = await subscribe_in_group(bot_process, library)
    await library.add_article(digest_article(GROUP_ID, 1))
    due = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=4)
    await library.reschedule(sub.id, due)
    code = await bot_process.kill(signum)
    if signum == signal.SIGTERM:
        assert code == 0, bot_process.log_path.read_text()
    await asyncio.sleep(max(0.0, (due - dt.datetime.now(dt.UTC)).total_seconds()) + 0.5)
    assert digest_messages(bot_process.sandbox) == []

    await bot_process.start()
    [digest] = await bot_process.sandbox.wait_for_messages(GROUP_ID, timeout=10)
    assert "1 new article" in digest.text and "Story 1 " in digest.text
    await asyncio.sleep(2.5)  # more ticks: still exactly one digest
    assert len(digest_messages(bot_process.sandbox)) == 1
    assert await library.delivered_parts(sub.id, delivery_period(due)) == {1}
    assert bot_process.sandbox.rejected == []


async def test_killed_after_the_first_of_three_parts_sends_only_the_other_two(
    bot_process: BotProcess, open_library: OpenLibrary
) -> None:
    sandbox = bot_process.sandbox
    await bot_process.start()
    library = await open_library()
    sub = await subscribe_in_group(bot_process, library)
    for number in range(1, ARTICLES_FOR_THREE_PARTS + 1):
        await library.add_article(digest_article(GROUP_ID, number))
    sandbox.hold_calls("sendMessage", after=1)  # part 1 goes through, part 2 hangs
    due = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    await library.reschedule(sub.id, due)
    [first] = await sandbox.wait_for_messages(GROUP_ID, timeout=10)
    assert "(1/3)" in first.text
    await sandbox.wait_for_held(1)
    await bot_process.kill(signal.SIGKILL)
    sandbox.stop_holding()
    assert await library.delivered_parts(sub.id, delivery_period(due)) == {1}

    await bot_process.start()
    second, third = await sandbox.wait_for_messages(GROUP_ID, count=2, timeout=10)
    assert "(2/3)" in second.text and "(3/3)" in third.text
    await asyncio.sleep(2.5)
    parts = digest_messages(sandbox)
    assert [text.split("\n", 1)[0][-5:] for text in parts] == ["(1/3)", "(2/3)", "(3/3)"]
    # Together the three parts hold every article once.
    for number in range(1, ARTICLES_FOR_THREE_PARTS + 1):
        assert sum(f"Story {number} " in text for text in parts) == 1
    [after] = await library.list_subscriptions(GROUP_ID)
    assert after.cursor == ARTICLES_FOR_THREE_PARTS
    assert after.next_due_at > dt.datetime.now(dt.UTC)
