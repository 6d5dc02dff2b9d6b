"""Hostile and broken feeds: each a clear error recorded for that feed, the others unaffected.

The server listens on 127.0.0.2, which these tests exempt from the SSRF guard while leaving the
guard on (``allow_private`` off): a feed on 127.0.0.1 is refused as in production.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import ipaddress
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from bot.feeds.cycle import poll_due_feeds, poll_feeds
from bot.feeds.settings import PollSettings
from storage import AsyncLibrary, Feed
from tests.feeds.feed_server import FeedServer

CHAT = -100_1
GUARDED = PollSettings(
    timeout_s=1.5,
    max_bytes=5_000_000,
    allow_private=False,
    exempt=frozenset({ipaddress.ip_address(FeedServer.HOST)}),
)


@pytest.fixture
async def library(library_target: str | Path) -> AsyncIterator[AsyncLibrary]:
    lib = await AsyncLibrary.open(library_target)
    yield lib
    await lib.aclose()


async def follow(
    library: AsyncLibrary, url: str, interval: dt.timedelta = dt.timedelta(hours=1)
) -> Feed:
    return await library.add_feed(
        chat_id=CHAT,
        url=url,
        interval=interval,
        next_poll_at=dt.datetime.now(dt.UTC),
        created_by=None,
        full_text=False,
    )


async def test_each_bad_feed_fails_alone_with_a_clear_error(
    library: AsyncLibrary, feed_server: FeedServer, fixture_bytes: Callable[[str], bytes]
) -> None:
    good = await follow(library, feed_server.serve("good.rss", fixture_bytes("rubenerd.rss")))
    page = feed_server.serve("page.html", fixture_bytes("DaringFireball.html"), "text/html")
    expected = {
        (await follow(library, feed_server.url("loop"))).id: "redirects more than 5 times",
        (await follow(library, feed_server.url("garbage"))).id: "larger than 5 MB",
        (await follow(library, feed_server.url("laughs"))).id: "declares XML entities",
        (await follow(library, feed_server.url("drip"))).id: "within 1.5 seconds",
        (await follow(library, feed_server.url("good.rss", host="127.0.0.1"))).id: (
            "private or local network address"
        ),
        (await follow(library, feed_server.url("missing"))).id: "answered 404",
        (await follow(library, page)).id: "web page, not a feed",
    }
    started = time.monotonic()
    now = dt.datetime.now(dt.UTC)
    outcomes = {outcome.feed.id: outcome for outcome in await poll_due_feeds(library, GUARDED)}
    assert time.monotonic() - started < 10  # the 30-second drip ended at the timeout
    assert outcomes[good.id].status == "stored" and outcomes[good.id].stored == 10
    for feed_id, words in expected.items():
        outcome = outcomes[feed_id]
        assert outcome.failed and outcome.error is not None and words in outcome.error, outcome
        stored = await library.get_feed(feed_id)
        assert stored is not None
        assert (stored.failures, stored.last_error) == (1, outcome.error)
        assert stored.failing_since is not None and stored.failing_since >= now
        assert stored.next_poll_at >= now + dt.timedelta(hours=2)  # backoff: interval * 2
        assert stored.lease_until is None and stored.last_success_at is None
    assert len(await library.articles_after(0, chat_id=CHAT)) == 10


async def test_retry_after_is_respected_after_a_503(
    library: AsyncLibrary, feed_server: FeedServer
) -> None:
    feed = await follow(library, feed_server.url("busy"), interval=dt.timedelta(minutes=15))
    now = dt.datetime.now(dt.UTC)
    (outcome,) = await poll_due_feeds(library, GUARDED, now=now)
    assert outcome.error is not None and "503" in outcome.error
    stored = await library.get_feed(feed.id)
    assert stored is not None and stored.next_poll_at >= now + dt.timedelta(hours=1)


async def test_a_feed_failing_for_days_is_paused_once(
    library: AsyncLibrary, feed_server: FeedServer
) -> None:
    feed = await follow(library, feed_server.url("loop"))
    settings = dataclasses.replace(GUARDED, pause_after=dt.timedelta(days=3))
    start = dt.datetime.now(dt.UTC)
    (first,) = await poll_due_feeds(library, settings, now=start)
    assert first.failed and not first.paused
    (later,) = await poll_due_feeds(library, settings, now=start + dt.timedelta(days=3, hours=1))
    assert later.paused
    paused = await library.get_feed(feed.id)
    assert paused is not None and paused.paused_reason is not None
    assert "failing since" in paused.paused_reason and "redirects" in paused.paused_reason
    assert await poll_due_feeds(library, settings, now=start + dt.timedelta(days=9)) == []
    # polled by hand (every feed, paused ones too) it fails again, without a second notice
    (again,) = await poll_due_feeds(
        library, settings, now=start + dt.timedelta(days=9), include_not_due=True
    )
    assert again.failed and not again.paused


async def test_a_feed_removed_during_its_poll_stores_nothing(
    library: AsyncLibrary, feed_server: FeedServer, fixture_bytes: Callable[[str], bytes]
) -> None:
    feed = await follow(library, feed_server.serve("gone.rss", fixture_bytes("rubenerd.rss")))
    now = dt.datetime.now(dt.UTC)
    (claimed,) = await library.claim_due_feeds(now, lease_until=now + GUARDED.lease)
    assert await library.remove_feed(feed.id)
    assert await poll_feeds(library, [claimed], GUARDED, now=now) == []
    assert await library.articles_after(0, chat_id=CHAT) == []
