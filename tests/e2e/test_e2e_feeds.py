"""Feeds end to end: /feed in a group through the sandbox, the feed job of the real Application
polling a loopback feed server, /search and the scheduled digest, across polls and a restart.

The bot fetches from 127.0.0.2 (``[fetch] allow_private``, tests only); its feed job and digest
tick run every second. A feed's next poll is moved to "now" by writing the library file, as
``make_due_now`` does for digests, so the test need not wait out the feed's interval.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from bot.app import build_application, start_application, stop_application
from bot.handlers.feeds import ADMINS_ONLY
from bot.sandbox import Sandbox
from bot.services import App
from storage.aio import AsyncLibrary
from storage.rows import instant_to_text
from tests.feeds.feed_server import FeedServer, rss, running_feed_server
from tests.library_backend import execute

from .conftest import CHANNEL_ID, GROUP_ID, OTHER_USER_ID, USER_ID, make_config

RFC822 = "%a, %d %b %Y %H:%M:%S +0000"
FAST = {"tick_seconds": 1}


def item(number: int, published: dt.datetime) -> dict[str, str]:
    return {
        "guid": f"wire-{number}",
        "link": f"https://wire.example/story/{number}",
        "title": f"Harbour story {number} zentrivox{number}",
        "pubDate": published.strftime(RFC822),
        "description": (
            f"Story {number} from the harbour: the council met and decided. " * 12
        ).strip(),
    }


class Bot:
    """The Application on one library file, restartable."""

    def __init__(self, sandbox: Sandbox, library_target: str | Path) -> None:
        self.config = make_config(
            sandbox, library_target, fetch={"allow_private": True}, digest=FAST, feeds=FAST
        )
        self.application: App | None = None

    async def start(self) -> None:
        self.application = build_application(self.config)
        await start_application(self.application, poll_timeout=1)

    async def stop(self) -> None:
        if self.application is not None:
            await stop_application(self.application)
            self.application = None

    @property
    def library(self) -> AsyncLibrary:
        assert self.application is not None
        return self.application.bot_data.services.library


@pytest.fixture
async def feed_server() -> AsyncIterator[FeedServer]:
    async with running_feed_server() as server:
        yield server


@pytest.fixture
async def bot(sandbox: Sandbox, library_target: str | Path) -> AsyncIterator[Bot]:
    sandbox.set_member(GROUP_ID, USER_ID, "administrator")
    sandbox.set_member(GROUP_ID, OTHER_USER_ID, "member")
    running = Bot(sandbox, library_target)
    await running.start()
    yield running
    await running.stop()


async def ask(sandbox: Sandbox, user_id: int, text: str, timeout: float = 15.0) -> str:
    sandbox.send_command(GROUP_ID, user_id, text)
    [answer] = await sandbox.wait_for_messages(GROUP_ID, timeout=timeout)
    return answer.text


async def wait_until(check: Callable[[], Awaitable[bool]], timeout: float = 15.0) -> None:
    async with asyncio.timeout(timeout):
        while not await check():
            await asyncio.sleep(0.05)


def make_due(library_target: str, table: str, column: str) -> None:
    """Move every feed's next poll (or subscription's due moment) to a second ago."""
    moment = instant_to_text(dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
    execute(library_target, f"UPDATE {table} SET {column} = ?", (moment,))


async def digest(sandbox: Sandbox, library_target: str) -> str:
    make_due(library_target, "subscriptions", "next_due_at")
    [sent] = await sandbox.wait_for_messages(GROUP_ID, timeout=15)
    return sent.text


async def test_a_feed_followed_in_a_group_reaches_search_and_digests_once(
    bot: Bot, sandbox: Sandbox, feed_server: FeedServer
) -> None:
    now = dt.datetime.now(dt.UTC)
    old = [item(n, dt.datetime(2020, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=n)) for n in (1, 2)]
    fresh = [item(n, now - dt.timedelta(minutes=n)) for n in (3, 4)]
    url = feed_server.serve("wire.rss", rss([*fresh, *old], title="Harbour Wire"))

    refused = await ask(sandbox, OTHER_USER_ID, f"/feed {url}")
    assert refused == ADMINS_ONLY
    assert await bot.library.feeds_of(GROUP_ID) == [] and feed_server.requests == []

    assert "Subscribed this chat" in await ask(sandbox, USER_ID, "/subscribe 09:00 UTC")
    answer = await ask(sandbox, USER_ID, f"/feed {url} every 2h")
    assert "Following Harbour Wire in this chat, every 2h." in answer
    assert "4 items in the feed; 4 stored now." in answer

    results = await ask(sandbox, USER_ID, "/search harbour story")
    assert results.count("zentrivox") == 4 and "Harbour Wire" in results

    first = await digest(sandbox, bot.config.storage.target)
    assert "2 new articles" in first
    assert "zentrivox3" in first and "zentrivox4" in first
    assert "zentrivox1" not in first and "zentrivox2" not in first  # published long before
    assert "Harbour Wire" in first

    # Second poll by the feed job: one new item, the others known.
    feed_server.serve("wire.rss", rss([item(5, now), *fresh, *old], title="Harbour Wire"))
    make_due(bot.config.storage.target, "feeds", "next_poll_at")
    [feed] = await bot.library.feeds_of(GROUP_ID)

    async def polled_again() -> bool:
        current = await bot.library.get_feed(feed.id)
        return current is not None and current.items_stored == 5

    await wait_until(polled_again)
    second = await digest(sandbox, bot.config.storage.target)
    assert "1 new article" in second and "zentrivox5" in second
    assert "zentrivox3" not in second and "zentrivox4" not in second

    # Restart; the feed is polled again (a 304 now) and the next digest holds nothing.
    await bot.stop()
    await bot.start()
    requests_before = len(feed_server.headers_of("wire.rss"))
    make_due(bot.config.storage.target, "feeds", "next_poll_at")

    async def polled_after_restart() -> bool:
        return len(feed_server.headers_of("wire.rss")) > requests_before

    await wait_until(polled_after_restart)
    assert "If-None-Match" in feed_server.headers_of("wire.rss")[-1]
    make_due(bot.config.storage.target, "subscriptions", "next_due_at")
    await asyncio.sleep(2.5)  # ticks pass; an empty digest is not sent ([digest] send_empty)
    assert [m.text for m in sandbox.messages_to(GROUP_ID) if m.text.startswith("Digest")] == [
        first,
        second,
    ]
    for number in range(1, 6):
        hits = await ask(sandbox, USER_ID, f"/search zentrivox{number}")
        assert hits.startswith(f"Results 1–1 for “zentrivox{number}”"), hits
    assert sandbox.rejected == []


async def test_feeds_lists_and_unfeed_removes_keeping_the_articles(
    bot: Bot, sandbox: Sandbox, feed_server: FeedServer
) -> None:
    url = feed_server.serve("wire.rss", rss([item(1, dt.datetime.now(dt.UTC))], title="Wire"))
    bad = feed_server.serve("page", b"<html><head><title>x</title></head></html>", "text/html")
    refused = await ask(sandbox, USER_ID, f"/feed {bad}")
    assert f"I can't follow {bad}:" in refused and "announces no feed" in refused
    await ask(sandbox, USER_ID, f"/feed {url}")
    listing = await ask(sandbox, USER_ID, "/feeds")
    assert "Feeds (1)" in listing and "#1 Wire" in listing and url in listing
    assert "every 1h · 1 article stored · last success: " in listing
    again = await ask(sandbox, USER_ID, f"/feed {url}")
    assert "already follows this feed as #1" in again
    assert await ask(sandbox, OTHER_USER_ID, "/unfeed 1") == ADMINS_ONLY
    assert "Stopped following Wire. Its 1 article stays" in await ask(sandbox, USER_ID, "/unfeed 1")
    assert await bot.library.feeds_of(GROUP_ID) == []
    assert len(await bot.library.articles_after(0, chat_id=GROUP_ID, limit=10)) == 1
    assert "There is no feed 1 here" in await ask(sandbox, USER_ID, "/unfeed 1")


async def test_a_channel_feed_needs_its_administrator(
    bot: Bot, sandbox: Sandbox, feed_server: FeedServer
) -> None:
    url = feed_server.serve("wire.rss", rss([item(1, dt.datetime.now(dt.UTC))], title="Wire"))
    sandbox.send_command(OTHER_USER_ID, OTHER_USER_ID, f"/feed @newsroom {url}")
    [refused] = await sandbox.wait_for_messages(OTHER_USER_ID)
    assert "Only administrators of @newsroom can manage its feeds" in refused.text
    sandbox.set_member(CHANNEL_ID, USER_ID, "administrator")
    sandbox.send_command(USER_ID, USER_ID, f"/feed @newsroom {url}")
    [accepted] = await sandbox.wait_for_messages(USER_ID, timeout=15)
    assert "Following Wire in @newsroom" in accepted.text
    [feed] = await bot.library.feeds_of(CHANNEL_ID)
    assert feed.created_by == USER_ID and await bot.library.feeds_of(USER_ID) == []
    assert sandbox.messages_to(CHANNEL_ID) == []  # nothing is posted in the channel


async def test_a_feed_failing_too_long_is_paused_and_its_chat_told_once(
    sandbox: Sandbox, feed_server: FeedServer, library_target: str | Path
) -> None:
    sandbox.set_member(GROUP_ID, USER_ID, "administrator")
    bot = Bot(sandbox, library_target)
    bot.config = dataclasses.replace(
        bot.config, feeds=dataclasses.replace(bot.config.feeds, pause_after_days=1 / 86_400)
    )
    await bot.start()
    try:
        url = feed_server.serve("wire.rss", rss([item(1, dt.datetime.now(dt.UTC))]))
        await ask(sandbox, USER_ID, "/lang de")  # the notice goes out in the chat's language
        await ask(sandbox, USER_ID, f"/feed {url}")
        del feed_server.documents["wire.rss"]  # from now on: 404
        for _ in range(3):  # the first failure starts the clock, a later one pauses
            make_due(bot.config.storage.target, "feeds", "next_poll_at")
            await asyncio.sleep(1.6)
        [notice] = await sandbox.wait_for_messages(GROUP_ID, timeout=15)
        assert "Ich habe den Feed Wire" in notice.text and "404" in notice.text
        [feed] = await bot.library.feeds_of(GROUP_ID)
        assert feed.paused_reason is not None
        listing = await ask(sandbox, USER_ID, "/feeds")
        assert "⏸ pausiert: failing since" in listing
        make_due(bot.config.storage.target, "feeds", "next_poll_at")
        await asyncio.sleep(2.5)  # a paused feed is not polled, and the chat is not told again
        assert sandbox.messages_to(GROUP_ID)[-1].text == listing
        # /feed again polls it at once; back online, it is read again.
        feed_server.serve("wire.rss", rss([item(2, dt.datetime.now(dt.UTC))]))
        resumed = await ask(sandbox, USER_ID, f"/feed {url}")
        assert "wird wieder gelesen: 1 neuer Artikel gespeichert" in resumed
        [feed] = await bot.library.feeds_of(GROUP_ID)
        assert feed.paused_reason is None and feed.items_stored == 2
    finally:
        await bot.stop()


async def test_a_feed_error_reaches_a_german_chat_in_german(
    bot: Bot, sandbox: Sandbox, feed_server: FeedServer
) -> None:
    await ask(sandbox, USER_ID, "/lang de")
    refused = await ask(sandbox, USER_ID, "/feed https://wire.example/rss every 30x")
    assert "„30x“ ist kein Intervall" in refused
    url = feed_server.serve("empty.rss", b"  ")
    failed = await ask(sandbox, USER_ID, f"/feed {url}")
    assert "Die Adresse hat ein leeres Dokument geliefert, keinen Feed." in failed
    assert await bot.library.feeds_of(GROUP_ID) == []
