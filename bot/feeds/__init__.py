"""Feeds, the pure part: documents -> items, item identity, polling times, OPML.

Nothing here fetches, stores or talks to Telegram; the poller and the handlers do, with these:

* :func:`parse_feed` reads RSS, Atom and JSON Feed bytes into a :class:`ParsedFeed`;
  :func:`discover_feeds` finds the feeds a web page announces.
* :func:`identity_keys` says how an item is recognised when it comes again;
  :func:`newest_items` picks what a newly added feed stores.
* :func:`parse_interval`, :func:`next_poll_at`, :func:`next_retry_at` and friends decide when
  a feed is polled.
* :func:`read_opml` and :func:`write_opml` import and export subscription lists.

Every failure is a :class:`FeedError` subclass whose message can be shown to the user as is.

Polling lives in submodules this package does not import (they fetch and store, so importing
``bot.feeds`` stays free of network and database code): :mod:`bot.feeds.cycle` (a cycle over
the due feeds, one feed now), :mod:`bot.feeds.poller` (one claimed feed),
:mod:`bot.feeds.limits` and :mod:`bot.feeds.settings`. A feed item becomes an article in the
intake room, :mod:`bot.intake.feed_item`, like every other way in.
"""

from __future__ import annotations

from bot.feeds.backfill import newest_items
from bot.feeds.dates import parse_feed_date
from bot.feeds.discover import FEED_LINK_TYPES, discover_feeds
from bot.feeds.identity import ItemKey, identity_keys, item_content_hash
from bot.feeds.intervals import (
    MAX_BACKOFF,
    MAX_INTERVAL,
    MAX_PUBLISHER_DELAY,
    MIN_INTERVAL,
    apply_floor,
    format_interval,
    next_poll_at,
    next_retry_at,
    parse_interval,
    parse_max_age,
    parse_retry_after,
    should_pause,
)
from bot.feeds.model import (
    BodySource,
    DiscoveredFeed,
    FeedError,
    FeedItem,
    InvalidIntervalError,
    NotAFeedError,
    OpmlError,
    ParsedFeed,
    UnsafeFeedError,
)
from bot.feeds.opml import OpmlFeed, OpmlImport, read_opml, write_opml
from bot.feeds.parse import parse_feed
from bot.feeds.urls import canonical_url, resolve_link

__all__ = [
    "FEED_LINK_TYPES",
    "MAX_BACKOFF",
    "MAX_INTERVAL",
    "MAX_PUBLISHER_DELAY",
    "MIN_INTERVAL",
    "BodySource",
    "DiscoveredFeed",
    "FeedError",
    "FeedItem",
    "InvalidIntervalError",
    "ItemKey",
    "NotAFeedError",
    "OpmlError",
    "OpmlFeed",
    "OpmlImport",
    "ParsedFeed",
    "UnsafeFeedError",
    "apply_floor",
    "canonical_url",
    "discover_feeds",
    "format_interval",
    "identity_keys",
    "item_content_hash",
    "newest_items",
    "next_poll_at",
    "next_retry_at",
    "parse_feed",
    "parse_feed_date",
    "parse_interval",
    "parse_max_age",
    "parse_retry_after",
    "read_opml",
    "resolve_link",
    "should_pause",
    "write_opml",
]
