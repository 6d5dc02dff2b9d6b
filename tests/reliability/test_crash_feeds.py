"""Feed polling killed with SIGKILL at random points, ten times, then run to the end.

``digest-bot feeds poll`` and the feed job of ``digest-bot run`` poll feeds served by a loopback
server in this test process, slowly enough (a delay per answer, two requests at a time to the
one host) that each kill lands mid-cycle; between kills the feeds gain new items. After each kill
the library is consistent (FTS5 integrity check, no article twice); after the last run every item
of every feed is stored exactly once.

A killed poller's claims last until their lease runs out (minutes); the test lets them run out
at once by clearing ``lease_until``, and makes every feed due again, as the clock would.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from functools import partial
from pathlib import Path

import pytest

from bot.sandbox import Sandbox
from storage import Library
from storage.rows import instant_to_text
from tests.feeds.feed_server import FeedServer, rss, running_feed_server

from .harness import BotProcess, articles_by_hash, assert_fts_consistent, count_articles, crash_rng

#: Kill tests that read the SQLite file (FTS consistency, rows written before the kill).
pytestmark = [pytest.mark.slow, pytest.mark.sqlite_only]

CHAT = -1001000000077
FEEDS = 12
KILLS = 10
FIRST_ITEMS = 4
NEW_ITEMS_PER_ROUND = 1
#: Seconds the server waits before each answer: with two requests at a time to one host, a
#: cycle over every feed takes about two seconds, so a kill soon after the first progress is
#: mid-poll.
ANSWER_DELAY = 0.3
PROGRESS_TIMEOUT = 30.0
ALLOW_PRIVATE = {"DIGEST_BOT_FETCH_ALLOW_PRIVATE": "true", "DIGEST_BOT_FETCH_TIMEOUT_S": "5"}
RFC822 = "%a, %d %b %Y %H:%M:%S +0000"
START = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)


def headline(feed: int, number: int) -> str:
    return f"Feed {feed} item {number} quorvexfeed{feed}x{number}"


def publish(server: FeedServer, items_per_feed: int) -> None:
    """Every feed with items 0..items_per_feed-1, newest first, each long enough to need no page."""
    for feed in range(FEEDS):
        entries = [
            {
                "guid": f"f{feed}-{n}",
                "link": f"https://wire{feed}.example/story/{n}",
                "title": headline(feed, n),
                "pubDate": (START + dt.timedelta(hours=n)).strftime(RFC822),
                "description": f"Item {n} of feed {feed}: " + "the council met and decided. " * 20,
            }
            for n in range(items_per_feed - 1, -1, -1)
        ]
        server.serve(f"feed-{feed}.rss", rss(entries, title=f"Wire {feed}"))


def follow_all(db_path: Path, server: FeedServer) -> None:
    with Library(db_path) as library:
        for feed in range(FEEDS):
            library.add_feed(
                chat_id=CHAT, url=server.url(f"feed-{feed}.rss"), interval=dt.timedelta(hours=1),
                next_poll_at=START, created_by=None,
            )  # fmt: skip


def make_due_and_unclaimed(db_path: Path) -> None:
    """What time does to a killed poller's feeds: their leases run out and they fall due."""
    now = instant_to_text(dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
    with sqlite3.connect(db_path, timeout=10) as db:
        db.execute("UPDATE feeds SET lease_until = NULL, next_poll_at = ?", (now,))


def assert_consistent(db_path: Path) -> None:
    assert_fts_consistent(db_path)
    duplicates = {key: ids for key, ids in articles_by_hash(db_path).items() if len(ids) > 1}
    assert duplicates == {}


def assert_every_item_once(db_path: Path, items_per_feed: int) -> None:
    with Library(db_path) as library:
        headlines = Counter(a.headline for a in library.iter_articles(CHAT))
    expected = {headline(f, n) for f in range(FEEDS) for n in range(items_per_feed)}
    assert set(headlines) == expected
    assert set(headlines.values()) == {1}


async def kill_point(running: Callable[[], bool], db_path: Path, jitter: float) -> bool:
    """Wait until the library holds more articles than now, then ``jitter`` seconds more: the
    moment to kill. Returns whether the poller is still running then."""
    before = count_articles(db_path)
    deadline = time.monotonic() + PROGRESS_TIMEOUT
    while count_articles(db_path) <= before and running():
        assert time.monotonic() < deadline, "the poll made no progress"
        await asyncio.sleep(0.02)
    await asyncio.sleep(jitter)
    return running()


@pytest.fixture
async def server() -> AsyncIterator[FeedServer]:
    async with running_feed_server() as running:
        running.delay = ANSWER_DELAY
        yield running


def is_running(process: subprocess.Popen[bytes]) -> bool:
    return process.poll() is None


def feeds_poll(db_path: Path, log_path: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIGEST_BOT_")}
    with log_path.open("ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "bot", "feeds", "poll", "--db", str(db_path)],
            env={**env, **ALLOW_PRIVATE},
            stdout=log,
            stderr=subprocess.STDOUT,
        )


async def test_feeds_poll_survives_sigkill(server: FeedServer, tmp_path: Path) -> None:
    rng = crash_rng("feeds poll")
    db_path, log_path = tmp_path / "library.sqlite3", tmp_path / "poll.log"
    Library(db_path).close()
    follow_all(db_path, server)
    items = FIRST_ITEMS
    killed_mid_poll = 0
    for _ in range(KILLS):
        publish(server, items)
        make_due_and_unclaimed(db_path)
        process = feeds_poll(db_path, log_path)
        jitter = rng.uniform(0.0, 0.3)
        killed_mid_poll += await kill_point(partial(is_running, process), db_path, jitter)
        process.send_signal(signal.SIGKILL)
        await asyncio.to_thread(process.wait, 20)
        assert_consistent(db_path)
        items += NEW_ITEMS_PER_ROUND
    assert killed_mid_poll >= KILLS - 1, log_path.read_text()

    publish(server, items)
    make_due_and_unclaimed(db_path)
    final = feeds_poll(db_path, log_path)
    assert await asyncio.to_thread(final.wait, 60) == 0, log_path.read_text()[-3000:]
    assert_consistent(db_path)
    assert_every_item_once(db_path, items)


async def test_feed_polling_in_the_bot_survives_sigkill(
    sandbox: Sandbox, server: FeedServer, tmp_path: Path
) -> None:
    rng = crash_rng("feed job")
    bot = BotProcess(sandbox, tmp_path, {**ALLOW_PRIVATE, "DIGEST_BOT_FEEDS_TICK_SECONDS": "1"})
    Library(bot.db_path).close()
    follow_all(bot.db_path, server)
    items = FIRST_ITEMS
    killed_mid_poll = 0
    try:
        for _ in range(KILLS):
            publish(server, items)
            make_due_and_unclaimed(bot.db_path)
            await bot.start()
            jitter = rng.uniform(0.0, 0.3)
            killed_mid_poll += await kill_point(lambda: bot.running, bot.db_path, jitter)
            await bot.kill(signal.SIGKILL)
            assert_consistent(bot.db_path)
            items += NEW_ITEMS_PER_ROUND
        assert killed_mid_poll == KILLS, bot.log_text()[-3000:]

        publish(server, items)
        make_due_and_unclaimed(bot.db_path)
        await bot.start()
        deadline = time.monotonic() + PROGRESS_TIMEOUT
        while count_articles(bot.db_path) < FEEDS * items:
            assert time.monotonic() < deadline, bot.log_text()[-3000:]
            await asyncio.sleep(0.1)
        code = await bot.kill(signal.SIGTERM)
    finally:
        if bot.running:
            await bot.kill(signal.SIGKILL)
    assert code == 0, bot.log_text()[-3000:]
    assert_consistent(bot.db_path)
    assert_every_item_once(bot.db_path, items)
