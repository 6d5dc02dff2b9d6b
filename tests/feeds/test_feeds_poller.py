"""The poller against a loopback server: real sockets, real bot/fetch.py, a real SQLite file.

Every feed here lives on 127.0.0.2, fetched with ``allow_private`` (tests only). Fixture feeds
are followed with the full-text switch off: their items link to the real web, never fetched.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from bot.feeds.cycle import poll_due_feeds, poll_feed_now
from bot.feeds.poller import PollOutcome
from bot.feeds.settings import PollSettings
from storage import Article, AsyncLibrary, Feed
from tests.feeds.feed_server import FeedServer, rss

CHAT = -100_1
SETTINGS = PollSettings(timeout_s=3.0, max_bytes=5_000_000, allow_private=True)
HOUR = dt.timedelta(hours=1)

PAGE = b"""<html><head><title>Mayor opens the new bridge | City Times</title></head><body>
<article><h1>Mayor opens the new bridge</h1>
<p>The city's new bridge over the river opened on Monday after three years of construction work
and two changes of contractor.</p>
<p>"This bridge will connect our neighbourhoods for a century to come," said Mayor Jane Holloway
at the opening ceremony, which drew several thousand residents.</p>
<p>The bridge carries four lanes of traffic, two cycle paths and a tram line that will start
running in the spring, according to the transport department.</p>
</article></body></html>"""


@pytest.fixture
async def library(library_target: str | Path) -> AsyncIterator[AsyncLibrary]:
    lib = await AsyncLibrary.open(library_target)
    yield lib
    await lib.aclose()


async def follow(
    library: AsyncLibrary,
    url: str,
    *,
    full_text: bool = False,
    interval: dt.timedelta = HOUR,
    chat_id: int = CHAT,
) -> Feed:
    return await library.add_feed(
        chat_id=chat_id,
        url=url,
        interval=interval,
        next_poll_at=dt.datetime.now(dt.UTC),
        created_by=7,
        full_text=full_text,
    )


async def articles(library: AsyncLibrary, chat_id: int = CHAT) -> list[Article]:
    return await library.articles_after(0, chat_id=chat_id, limit=10_000)


async def poll_all(library: AsyncLibrary, settings: PollSettings = SETTINGS) -> list[PollOutcome]:
    return await poll_due_feeds(library, settings, include_not_due=True)


@pytest.mark.parametrize(
    ("name", "content_type", "count", "title", "headline"),
    [
        ("rubenerd.rss", "application/rss+xml", 10, "Rubenerd",
         "The great Commodore/Atari engineer swap"),
        ("OneFootTsunami.atom", "application/atom+xml", 25, "One Foot Tsunami",
         "Link: Pillow Fight Leaves 24 Concussed"),
        ("inessential.json", "application/feed+json", 20, "inessential.com",
         "James Dempsey and the Breakpoints Benefit App Camp for Girls"),
    ],
)  # fmt: skip
async def test_each_format_is_stored_as_articles_of_the_collection(
    library: AsyncLibrary,
    feed_server: FeedServer,
    fixture_bytes: Callable[[str], bytes],
    name: str,
    content_type: str,
    count: int,
    title: str,
    headline: str,
) -> None:
    feed = await follow(library, feed_server.serve(name, fixture_bytes(name), content_type))
    (outcome,) = await poll_due_feeds(library, SETTINGS)
    assert (outcome.status, outcome.stored, outcome.error) == ("stored", count, None)
    stored = await articles(library)
    assert len(stored) == count
    assert {a.format for a in stored} == {"feed"} and {a.date_source for a in stored} == {"feed"}
    assert {a.source_title for a in stored} == {title}
    assert all(a.source_url and a.source_url.startswith("http") for a in stored)
    assert all(a.submitted_by == 7 and a.published is not None for a in stored)
    assert headline in {a.headline for a in stored}
    after = await library.get_feed(feed.id)
    assert after is not None and after.title == title and after.items_stored == count
    assert after.last_success_at is not None and after.lease_until is None


async def test_a_second_poll_is_conditional_and_a_304_stores_nothing(
    library: AsyncLibrary, feed_server: FeedServer, fixture_bytes: Callable[[str], bytes]
) -> None:
    feed = await follow(library, feed_server.serve("feed.rss", fixture_bytes("rubenerd.rss")))
    (first,) = await poll_all(library)
    (second,) = await poll_all(library)
    assert first.stored == 10 and second.status == "not-modified"
    unconditional, conditional = feed_server.headers_of("feed.rss")
    assert "If-None-Match" not in unconditional and "If-Modified-Since" not in unconditional
    stored = await library.get_feed(feed.id)
    assert stored is not None and stored.etag
    assert conditional["If-None-Match"] == stored.etag
    assert conditional["If-Modified-Since"] == FeedServer.LAST_MODIFIED
    assert len(await articles(library)) == 10


async def test_the_feeds_ttl_pushes_the_next_poll_later(
    library: AsyncLibrary, feed_server: FeedServer, fixture_bytes: Callable[[str], bytes]
) -> None:
    url = feed_server.serve("ttl.rss", fixture_bytes("rubenerd.rss"))  # <ttl>30</ttl>
    feed = await follow(library, url, interval=dt.timedelta(minutes=15))
    before = dt.datetime.now(dt.UTC)
    await poll_all(library)
    polled = await library.get_feed(feed.id)
    assert polled is not None
    assert polled.next_poll_at - before >= dt.timedelta(minutes=30)


def dated_items(count: int, *, start: int = 0) -> list[dict[str, str]]:
    """``count`` items, newest first, one a day before 1 March 2025."""
    moment = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
    return [
        {
            "guid": f"item-{n}",
            "link": f"https://wire.example/story/{n}",
            "title": f"Story number {n} of the wire",
            "pubDate": (moment - dt.timedelta(days=1000 - n)).strftime(
                "%a, %d %b %Y %H:%M:%S +0000"
            ),
            "description": f"What happened in story {n}, told in one sentence.",
        }
        for n in range(start + count - 1, start - 1, -1)
    ]


async def test_a_new_feed_stores_only_its_newest_items_and_later_only_new_ones(
    library: AsyncLibrary, feed_server: FeedServer
) -> None:
    url = feed_server.serve("big.rss", rss(dated_items(80)))
    await follow(library, url)
    settings = dataclasses.replace(SETTINGS, backfill_items=5)
    (first,) = await poll_all(library, settings)
    assert (first.stored, first.seen) == (5, 75)
    headlines = [a.headline for a in await articles(library)]
    # the five newest, stored oldest first so ids grow with publication
    assert headlines == [f"Story number {n} of the wire" for n in range(75, 80)]
    feed_server.serve("big.rss", rss(dated_items(82)))
    (second,) = await poll_all(library, settings)
    assert (second.stored, second.known) == (2, 80)
    assert len(await articles(library)) == 7


async def test_reordered_and_re_dated_items_are_stored_once(
    library: AsyncLibrary, feed_server: FeedServer
) -> None:
    items = dated_items(3)
    url = feed_server.serve("moving.rss", rss(items))
    await follow(library, url)
    await poll_all(library)
    moved = [dict(item, pubDate="Mon, 03 Mar 2025 08:00:00 +0000") for item in reversed(items)]
    moved[0]["title"] += " (updated)"
    feed_server.serve("moving.rss", rss(moved))
    (outcome,) = await poll_all(library)
    assert (outcome.stored, outcome.known) == (0, 3)
    assert len(await articles(library)) == 3


async def test_two_feeds_of_one_collection_carrying_an_item_store_it_once(
    library: AsyncLibrary, feed_server: FeedServer
) -> None:
    items = dated_items(4)
    mirror = [dict(item, guid=f"mirror-{item['guid']}") for item in items]
    await follow(library, feed_server.serve("a.rss", rss(items, title="Wire A")))
    await follow(library, feed_server.serve("b.rss", rss(mirror, title="Wire B")))
    outcomes = await poll_all(library)
    assert sorted(outcome.stored for outcome in outcomes) == [0, 4]
    assert len(await articles(library)) == 4


async def test_short_items_are_completed_from_their_page_when_the_feed_asks(
    library: AsyncLibrary, feed_server: FeedServer
) -> None:
    feed_server.serve("page/1", PAGE, "text/html; charset=utf-8")
    summary = "The new bridge is open."
    items = [
        {"guid": "1", "link": feed_server.url("page/1"), "title": "Bridge opens",
         "description": summary},
        {"guid": "2", "link": feed_server.url("page/missing"), "title": "Tram delayed",
         "description": "The tram line opens later than planned."},
    ]  # fmt: skip
    await follow(library, feed_server.serve("short.rss", rss(items)), full_text=True)
    (outcome,) = await poll_all(library)
    assert (outcome.stored, outcome.completed) == (2, 1)
    by_headline = {a.headline: a for a in await articles(library)}
    completed = by_headline["Bridge opens"]  # the feed's title stays the headline
    assert "four lanes of traffic" in completed.body
    assert completed.lead_quote is not None and completed.lead_quote.startswith("This bridge")
    assert completed.quote_speaker == "Jane Holloway"
    assert completed.source_url == feed_server.url("page/1")
    assert by_headline["Tram delayed"].body == "The tram line opens later than planned."


async def test_with_the_switch_off_no_page_is_fetched(
    library: AsyncLibrary, feed_server: FeedServer
) -> None:
    feed_server.serve("page/1", PAGE, "text/html")
    item = {"guid": "1", "link": feed_server.url("page/1"), "title": "Bridge opens",
            "description": "The new bridge is open."}  # fmt: skip
    await follow(library, feed_server.serve("off.rss", rss([item])), full_text=False)
    (outcome,) = await poll_all(library)
    assert (outcome.stored, outcome.completed) == (1, 0)
    assert feed_server.headers_of("page/1") == []
    (article,) = await articles(library)
    assert article.body == "The new bridge is open."


async def test_item_fields_become_article_fields(
    library: AsyncLibrary, feed_server: FeedServer
) -> None:
    items = [
        {"guid": "deco", "title": "🔴 Floods hit the valley ⚡️",
         "description": '"We lost everything in one night," farmer Ana Petrova told reporters.'},
        {"guid": "empty"},
    ]  # fmt: skip
    await follow(library, feed_server.serve("fields.rss", rss(items)))
    before = dt.datetime.now(dt.UTC)
    (outcome,) = await poll_all(library)
    assert (outcome.stored, outcome.empty) == (1, 1)
    (article,) = await articles(library)
    assert article.headline == "Floods hit the valley"
    assert article.source_url is None and article.source_title == "Wire"
    assert article.date_source == "first-seen"
    assert isinstance(article.published, dt.datetime) and article.published >= before
    assert article.lead_quote == "We lost everything in one night,"
    assert article.quote_speaker == "Ana Petrova"


async def test_a_malformed_feed_is_read_as_far_as_it_goes_with_a_note(
    library: AsyncLibrary, feed_server: FeedServer, fixture_bytes: Callable[[str], bytes]
) -> None:
    body = fixture_bytes("feedparser-rss-incomplete-cdata.xml")
    feed = await follow(library, feed_server.serve("bozo.rss", body))
    (outcome,) = await poll_all(library)
    assert outcome.status == "stored" and outcome.bozo
    stored = await library.get_feed(feed.id)
    assert stored is not None and stored.bozo_note == outcome.bozo


@pytest.mark.parametrize(("concurrency", "per_host", "most"), [(16, 2, 2), (3, 8, 3), (1, 4, 1)])
async def test_requests_are_bounded_overall_and_per_host(
    library: AsyncLibrary,
    feed_server: FeedServer,
    fixture_bytes: Callable[[str], bytes],
    concurrency: int,
    per_host: int,
    most: int,
) -> None:
    feed_server.serve("slow", fixture_bytes("rubenerd.rss"))
    for n in range(8):
        await follow(library, feed_server.url(f"slow/{n}"), chat_id=CHAT - n)
    settings = dataclasses.replace(SETTINGS, concurrency=concurrency, per_host=per_host)
    outcomes = await poll_due_feeds(library, settings)  # claimed a batch at a time
    assert sorted(o.feed.chat_id for o in outcomes) == [CHAT - n for n in range(7, -1, -1)]
    assert [o.stored for o in outcomes] == [10] * 8
    assert feed_server.max_in_flight == most


async def test_polling_now_claims_the_feed_first(
    library: AsyncLibrary, feed_server: FeedServer, fixture_bytes: Callable[[str], bytes]
) -> None:
    feed = await follow(library, feed_server.serve("now.rss", fixture_bytes("rubenerd.rss")))
    now = dt.datetime.now(dt.UTC)
    assert await library.claim_feed(feed.id, now=now, lease_until=now + HOUR) is not None
    assert await poll_feed_now(library, feed.id, SETTINGS) is None
    await library.release_feed(feed.id)
    outcome = await poll_feed_now(library, feed.id, SETTINGS)
    assert outcome is not None and outcome.stored == 10
    assert await poll_feed_now(library, 999, SETTINGS) is None
