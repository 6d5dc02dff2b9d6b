"""Polling one claimed feed: conditional GET, parse, new items -> articles, one store.

The steps, each a clear outcome for the feed:

1. GET through :mod:`bot.fetch` (SSRF guard at every hop, size cap, timeout) with the stored
   ``ETag`` / ``Last-Modified`` as ``If-None-Match`` / ``If-Modified-Since``. A 304 is recorded
   as a success with nothing new.
2. Parse (:func:`bot.feeds.parse_feed`); a malformed feed is read as far as it goes and its
   note kept. Items with neither title nor text are skipped and counted.
3. Ask storage which items are new, so known items cost nothing more. A feed never polled
   successfully stores only its newest ``backfill_items``; older new items are remembered as
   seen without an article.
4. New items with a short summary are completed from their linked page (bounded by the cycle's
   limiter and :attr:`PollSettings.full_text_budget`); a page that cannot be fetched or read
   leaves the item as the feed gave it.
5. One storage transaction stores the articles, their keys and the feed's new state.

Any fetch or feed error is recorded for the feed instead (backoff, error text kept, paused after
``pause_after`` of failures); the feed's state only advances in step 5.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bot.extract import Extracted, ExtractError, extract_bytes
from bot.feeds.backfill import newest_items
from bot.feeds.intervals import (
    next_poll_at,
    next_retry_at,
    parse_max_age,
    parse_retry_after,
    should_pause,
)
from bot.feeds.limits import RequestLimiter
from bot.feeds.model import FeedError, FeedItem, ParsedFeed
from bot.feeds.parse import parse_feed
from bot.feeds.settings import PollSettings
from bot.fetch import FetchedPage, FetchError, HttpStatusError, fetch_url
from bot.intake.feed_item import article_fields, item_keys, needs_full_text
from storage import AsyncLibrary, Feed, FeedPollState, NewFeedItem

__all__ = ["FEED_ACCEPT", "PollOutcome", "PollStatus", "poll_feed"]

log = logging.getLogger(__name__)

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
)

PollStatus = Literal["stored", "not-modified", "failed"]


@dataclass(frozen=True, slots=True)
class PollOutcome:
    """What polling one feed did, for ``feeds poll`` lines, logs and chat notices.

    ``known``: items recognised as stored before; ``seen``: old items of a new feed remembered
    without an article; ``duplicates``: new items whose text the collection already held;
    ``empty``: items with neither title nor text. ``paused`` is True only for the poll that
    paused the feed (the chat is told once).
    """

    feed: Feed
    status: PollStatus
    stored: int = 0
    known: int = 0
    seen: int = 0
    duplicates: int = 0
    empty: int = 0
    completed: int = 0
    error: str | None = None
    bozo: str | None = None
    paused: bool = False
    article_ids: tuple[int, ...] = ()

    @property
    def failed(self) -> bool:
        return self.status == "failed"


def _conditional_headers(feed: Feed) -> dict[str, str]:
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    return headers


async def _fetch_document(
    feed: Feed, settings: PollSettings, limiter: RequestLimiter
) -> FetchedPage:
    async with limiter.slot(feed.url):
        return await fetch_url(
            feed.url,
            timeout_s=settings.timeout_s,
            max_bytes=settings.max_bytes,
            allow_private=settings.allow_private,
            exempt=settings.exempt,
            headers=_conditional_headers(feed),
            accept=FEED_ACCEPT,
            content_types=None,
        )


async def _linked_page(
    url: str, settings: PollSettings, limiter: RequestLimiter, deadline: float
) -> Extracted | None:
    """The linked page as extracted, or None when it is too late, unreachable or unreadable."""
    async with limiter.slot(url):
        if asyncio.get_running_loop().time() > deadline:
            return None
        try:
            page = await fetch_url(
                url,
                timeout_s=settings.timeout_s,
                max_bytes=settings.max_bytes,
                allow_private=settings.allow_private,
                exempt=settings.exempt,
            )
        except FetchError as error:
            log.info("feed item %s: page not fetched: %s", url, error)
            return None
    try:
        return await asyncio.to_thread(
            extract_bytes, page.body, content_type=page.content_type, url=page.final_url
        )
    except ExtractError as error:
        log.info("feed item %s: page not readable: %s", url, error)
        return None


def _storing_order(items: Sequence[FeedItem], positions: list[int]) -> list[int]:
    """Oldest first, so article ids grow with publication: by date when every item has one,
    else the reverse of the feed's order (feeds list their newest items first)."""
    if all(items[p].published is not None for p in positions):
        return sorted(positions, key=lambda p: (items[p].published, -p))
    return sorted(positions, reverse=True)


def _backfill_positions(items: Sequence[FeedItem], limit: int) -> set[int]:
    """Positions of the ``limit`` newest items (see :func:`bot.feeds.newest_items`)."""
    chosen = {id(item) for item in newest_items(items, limit)}
    return {position for position, item in enumerate(items) if id(item) in chosen}


async def _new_feed_items(
    library: AsyncLibrary,
    feed: Feed,
    parsed: ParsedFeed,
    settings: PollSettings,
    limiter: RequestLimiter,
    now: dt.datetime,
) -> tuple[list[NewFeedItem], int, int]:
    """The items to hand to storage (new ones with articles, a new feed's older ones without),
    how many were empty, and how many were completed from their page."""
    items = [item for item in parsed.items if not item.is_empty]
    keys = item_keys(items)
    new = await library.new_item_positions(feed.id, keys)
    if feed.last_success_at is None:
        kept = _backfill_positions(items, settings.backfill_items)
    else:
        kept = set(range(len(items)))
    titled = dataclasses.replace(feed, title=parsed.title or feed.title)
    deadline = asyncio.get_running_loop().time() + settings.full_text_budget.total_seconds()

    async def article(position: int) -> tuple[NewFeedItem, bool]:
        item, page = items[position], None
        wanted = needs_full_text(
            item, full_text=feed.full_text, below_words=settings.full_text_below_words
        )
        if wanted and item.link is not None:
            page = await _linked_page(item.link, settings, limiter, deadline)
        fields = await asyncio.to_thread(article_fields, item, titled, first_seen=now, page=page)
        return NewFeedItem(keys[position], fields), page is not None

    order = _storing_order(items, [p for p in new if p in kept])
    prepared = await asyncio.gather(*(article(position) for position in order))
    seen = [NewFeedItem(keys[p], None) for p in new if p not in kept]
    completed = sum(1 for _, from_page in prepared if from_page)
    return [new_item for new_item, _ in prepared] + seen, len(parsed.items) - len(items), completed


async def _poll(
    library: AsyncLibrary,
    feed: Feed,
    settings: PollSettings,
    limiter: RequestLimiter,
    now: dt.datetime,
) -> PollOutcome:
    response = await _fetch_document(feed, settings, limiter)
    max_age = parse_max_age(response.headers.get("cache-control"))
    retry_after = parse_retry_after(response.headers.get("retry-after"), now)
    if response.status == 304:
        await library.record_not_modified(
            feed.id,
            polled_at=now,
            next_poll_at=next_poll_at(now, feed.interval, max_age=max_age, retry_after=retry_after),
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )
        return PollOutcome(feed, "not-modified")
    parsed = await asyncio.to_thread(
        parse_feed,
        response.body,
        content_type=response.content_type or None,
        url=response.final_url,
    )
    new_items, empty, completed = await _new_feed_items(
        library, feed, parsed, settings, limiter, now
    )
    state = FeedPollState(
        polled_at=now,
        next_poll_at=next_poll_at(
            now, feed.interval, ttl=parsed.ttl, max_age=max_age, retry_after=retry_after
        ),
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
        title=parsed.title,
        site_link=parsed.site_link,
        bozo_note=parsed.bozo,
    )
    result = await library.store_feed_items(feed.id, new_items, state)
    return PollOutcome(
        feed,
        "stored",
        stored=result.stored,
        known=len(parsed.items) - empty - len(new_items) + result.known,
        seen=result.seen,
        duplicates=result.duplicates,
        empty=empty,
        completed=completed,
        bozo=parsed.bozo,
        article_ids=result.article_ids,
    )


async def _record_failure(
    library: AsyncLibrary, feed: Feed, error: Exception, settings: PollSettings, now: dt.datetime
) -> PollOutcome:
    message = str(error) or type(error).__name__
    retry_after = None
    if isinstance(error, HttpStatusError):
        retry_after = parse_retry_after(error.retry_after, now)
    pause = should_pause(feed.failing_since or now, now, settings.pause_after)
    since = (feed.failing_since or now).strftime("%Y-%m-%d %H:%M UTC")
    await library.record_failure(
        feed.id,
        error=message,
        failed_at=now,
        next_poll_at=next_retry_at(now, feed.interval, feed.failures + 1, retry_after=retry_after),
        pause_reason=f"failing since {since}: {message}" if pause else None,
    )
    log.info("feed %s (%s) failed: %s", feed.id, feed.url, message)
    return PollOutcome(feed, "failed", error=message, paused=pause and feed.paused_reason is None)


async def poll_feed(
    library: AsyncLibrary,
    feed: Feed,
    settings: PollSettings,
    limiter: RequestLimiter,
    *,
    now: dt.datetime,
) -> PollOutcome:
    """Poll ``feed``, which the caller claimed, and record the outcome (which lifts the claim).

    Fetch and feed errors become a recorded failure; storage errors propagate (a
    ``FeedNotFoundError`` when the feed was removed during the poll).
    """
    try:
        return await _poll(library, feed, settings, limiter, now)
    except (FetchError, FeedError) as error:
        return await _record_failure(library, feed, error, settings, now)
