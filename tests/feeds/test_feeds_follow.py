"""Following a feed: the URL is the feed, or a web page announcing it; the first poll is at once.

A real loopback server (127.0.0.2), real bot/fetch.py, a real SQLite file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.feeds import NotAFeedError
from bot.feeds.follow import find_feed, follow_feed
from bot.feeds.settings import PollSettings
from bot.fetch import FetchError
from storage import AsyncLibrary, FeedExistsError
from tests.feeds.feed_server import FeedServer, rss

CHAT = -100_1
SETTINGS = PollSettings(timeout_s=3.0, max_bytes=5_000_000, allow_private=True, backfill_items=3)
HOUR = dt.timedelta(hours=1)
ITEMS = [
    {"guid": f"g{n}", "link": f"https://wire.example/{n}", "title": f"Story {n} of the wire",
     "pubDate": f"Sat, 0{n} Mar 2025 09:00:00 +0000",
     "description": f"Story {n}: what happened, in one sentence."}
    for n in range(5, 0, -1)
]  # fmt: skip


def page(*links: str) -> bytes:
    head = "".join(
        f'<link rel="alternate" type="application/rss+xml" title="Wire" href="{href}">'
        for href in links
    )
    return f"<html><head><title>Wire</title>{head}</head><body><p>News.</p></body></html>".encode()


@pytest.fixture
async def library(library_target: str | Path) -> AsyncIterator[AsyncLibrary]:
    lib = await AsyncLibrary.open(library_target)
    yield lib
    await lib.aclose()


async def test_a_feed_url_is_followed_and_polled_at_once(
    library: AsyncLibrary, feed_server: FeedServer
) -> None:
    url = feed_server.serve("wire.rss", rss(ITEMS))
    followed = await follow_feed(library, SETTINGS, url, chat_id=CHAT, interval=HOUR, created_by=7)
    assert followed.found.url == url and followed.found.announced_by is None
    assert len(followed.found.parsed.items) == 5
    assert followed.outcome is not None
    assert (followed.outcome.stored, followed.outcome.seen) == (3, 2)  # the backfill rule
    feed = await library.get_feed(followed.feed.id)
    assert feed is not None and feed.title == "Wire" and feed.items_stored == 3
    assert feed.next_poll_at > dt.datetime.now(dt.UTC) + HOUR / 2  # the next poll is an interval on
    with pytest.raises(FeedExistsError) as exists:
        await follow_feed(library, SETTINGS, url, chat_id=CHAT, interval=HOUR, created_by=7)
    assert exists.value.feed_id == feed.id
    # Only one probe and one poll went to the server for the first follow; none for the second.
    assert len(feed_server.headers_of("wire.rss")) == 2


async def test_a_web_page_leads_to_the_feed_it_announces(
    library: AsyncLibrary, feed_server: FeedServer
) -> None:
    feed_url = feed_server.serve("wire.rss", rss(ITEMS))
    page_url = feed_server.serve("home", page("/missing.rss", "wire.rss"), "text/html")
    found = await find_feed(page_url, SETTINGS)
    assert (found.url, found.announced_by) == (feed_url, page_url)
    followed = await follow_feed(
        library, SETTINGS, page_url, chat_id=CHAT, interval=HOUR, created_by=None
    )
    assert followed.feed.url == feed_url
    # Following the page again, or the feed itself, is the same feed.
    for again in (page_url, feed_url):
        with pytest.raises(FeedExistsError):
            await follow_feed(
                library, SETTINGS, again, chat_id=CHAT, interval=HOUR, created_by=None
            )
    assert [feed.url for feed in await library.feeds_of(CHAT)] == [feed_url]


async def test_a_page_without_a_feed_or_with_a_broken_one_is_refused_with_a_reason(
    library: AsyncLibrary, feed_server: FeedServer
) -> None:
    bare = feed_server.serve("bare", page(), "text/html")
    with pytest.raises(NotAFeedError, match="announces no feed"):
        await follow_feed(library, SETTINGS, bare, chat_id=CHAT, interval=HOUR, created_by=None)
    broken = feed_server.serve("broken", page("/missing.rss"), "text/html")
    with pytest.raises(NotAFeedError, match="could not be read: .*404"):
        await find_feed(broken, SETTINGS)
    garbage = feed_server.serve("noise.txt", b"just some words, no feed", "text/plain")
    with pytest.raises(NotAFeedError):
        await find_feed(garbage, SETTINGS)
    assert await library.feeds_of(CHAT) == []


async def test_the_guard_refuses_a_private_address_before_anything_is_stored(
    library: AsyncLibrary, feed_server: FeedServer
) -> None:
    url = feed_server.serve("wire.rss", rss(ITEMS))
    guarded = dataclasses.replace(SETTINGS, allow_private=False)
    with pytest.raises(FetchError, match="private|local|not allowed|internal"):
        await follow_feed(library, guarded, url, chat_id=CHAT, interval=HOUR, created_by=None)
    assert await library.feeds_of(CHAT) == [] and feed_server.requests == []
