"""The words of /feed: URL, then an optional interval with or without "every"."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.feeds import InvalidIntervalError
from bot.feeds.command import FeedCommand, FeedCommandError, parse_feed_command

URL = "https://wire.example/rss"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (URL, FeedCommand(URL, None)),
        (f"{URL} every 15m", FeedCommand(URL, dt.timedelta(minutes=15))),
        (f"{URL} 6h", FeedCommand(URL, dt.timedelta(hours=6))),
        (f"<{URL}> EVERY 1h 30m", FeedCommand(URL, dt.timedelta(minutes=90))),
    ],
)
def test_url_and_interval(text: str, expected: FeedCommand) -> None:
    assert parse_feed_command(text.split()) == expected


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        ("", FeedCommandError, "Give the feed's address"),
        ("wire.example/rss", FeedCommandError, "must start with http"),
        ("ftp://wire.example/rss", FeedCommandError, "must start with http"),
        ("https:///rss", FeedCommandError, "not a web address"),
        (f"{URL} every fortnight", InvalidIntervalError, "not an interval"),
        (f"{URL} every 10s", InvalidIntervalError, "not an interval"),
    ],
)
def test_refusals_say_what_to_send(text: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        parse_feed_command(text.split())
