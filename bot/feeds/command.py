"""The words of ``/feed`` (pure): ``URL [every 15m|1h|6h…]`` -> a :class:`FeedCommand`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.feeds.intervals import parse_interval
from bot.feeds.model import FeedError
from bot.i18n import N_

__all__ = [
    "FEED_USAGE",
    "FeedCommand",
    "FeedCommandError",
    "NOT_A_WEB_ADDRESS",
    "parse_feed_command",
]

FEED_USAGE = N_("Give the feed's address, and how often to read it if you like: /feed URL every 1h")
NOT_A_WEB_ADDRESS = N_("{text} is not a web address: it must start with http:// or https://.")


class FeedCommandError(FeedError):
    """The words of ``/feed`` are not ``URL [every INTERVAL]``."""


@dataclass(frozen=True, slots=True)
class FeedCommand:
    """A feed to follow and, when the user gave one, its polling interval."""

    url: str
    interval: dt.timedelta | None


def parse_feed_command(words: list[str]) -> FeedCommand:
    """``["https://x/rss", "every", "15m"]`` -> the URL and 15 minutes; the interval is
    optional, and so is the word ``every``.

    Raises:
        FeedCommandError: no URL, or one that is not http(s).
        InvalidIntervalError: the interval is not of the form ``15m``, ``1h``, ``1d``.
    """
    if not words:
        raise FeedCommandError(FEED_USAGE)
    url, rest = words[0].strip("<>"), words[1:]
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise FeedCommandError(NOT_A_WEB_ADDRESS, text=url)
    if rest and rest[0].lower() == "every":
        rest = rest[1:]
    return FeedCommand(url, parse_interval(" ".join(rest)) if rest else None)
