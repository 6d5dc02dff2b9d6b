"""The public names of bot.feeds are the ones the poller, storage and handlers build on."""

from __future__ import annotations

import subprocess
import sys

import bot.feeds


def test_public_names() -> None:
    assert set(bot.feeds.__all__) == {
        "FEED_LINK_TYPES", "MAX_BACKOFF", "MAX_INTERVAL", "MAX_PUBLISHER_DELAY", "MIN_INTERVAL",
        "BodySource", "DiscoveredFeed", "FeedError", "FeedItem", "InvalidIntervalError",
        "ItemKey", "NotAFeedError", "OpmlError", "OpmlFeed", "OpmlImport", "ParsedFeed",
        "UnsafeFeedError", "apply_floor", "canonical_url", "discover_feeds", "format_interval",
        "identity_keys", "item_content_hash", "newest_items", "next_poll_at", "next_retry_at",
        "parse_feed", "parse_feed_date", "parse_interval", "parse_max_age", "parse_retry_after",
        "read_opml", "resolve_link", "should_pause", "write_opml",
    }  # fmt: skip
    assert all(hasattr(bot.feeds, name) for name in bot.feeds.__all__)


def test_every_error_is_a_feed_error() -> None:
    for error in (
        bot.feeds.NotAFeedError,
        bot.feeds.UnsafeFeedError,
        bot.feeds.InvalidIntervalError,
        bot.feeds.OpmlError,
    ):
        assert issubclass(error, bot.feeds.FeedError)
    assert issubclass(bot.feeds.UnsafeFeedError, bot.feeds.NotAFeedError)


def test_pure_package_loads_no_telegram_storage_or_network_code() -> None:
    probe = (
        "import sys, bot.feeds; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'telegram', 'httpx', 'aiohttp', 'sqlite_utils', 'storage', 'trafilatura'}))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == "[]"
