"""What feed parsing produces and the errors it raises (pure data, no I/O)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from bot.i18n import LocalizedError

#: Where an item's body came from: the full content (``content:encoded``, Atom ``content``,
#: JSON ``content_html``/``content_text``), the short summary (``description``, ``summary``), or
#: nowhere (the item has no text of its own).
BodySource = Literal["content", "summary", "none"]

#: How a refused entity declaration is named in error messages (a field: not catalog HTML).
ENTITY_DECLARATION = "<!ENTITY …>"


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed, read from the feed alone (nothing fetched).

    ``title``, ``body`` and ``author`` are plain text: markup stripped, entities decoded.
    ``link`` is absolute (resolved against the feed's URL) and http(s), or None.
    ``published`` always carries its zone; a date given without one is read as UTC.
    """

    guid: str | None
    link: str | None
    title: str | None
    published: dt.datetime | None
    body: str
    body_source: BodySource
    author: str | None

    @property
    def date_is_first_seen(self) -> bool:
        """True when the feed gives no date: the caller dates the item by when it first saw it
        (and says so in ``date_source``)."""
        return self.published is None

    @property
    def is_empty(self) -> bool:
        """True when the item has neither a title nor any text: nothing to store."""
        return not self.title and not self.body


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A whole feed document.

    ``format`` is feedparser's version name (``rss20``, ``rss10``, ``rss091u``, ``atom10``,
    ``atom03``...) or ``json10`` / ``json11`` for JSON Feed. ``ttl`` is RSS ``<ttl>`` (the
    publisher's "do not poll more often than this"). ``bozo`` is None for a well-formed feed,
    else a note on what was wrong; the items are then those read before the damage.
    """

    format: str
    title: str | None
    site_link: str | None
    ttl: dt.timedelta | None
    items: tuple[FeedItem, ...]
    bozo: str | None


@dataclass(frozen=True, slots=True)
class DiscoveredFeed:
    """A feed an HTML page points to with ``<link rel="alternate" type="…">``."""

    url: str
    content_type: str
    title: str | None


class FeedError(LocalizedError):
    """Base class: a feed document, interval or OPML file cannot be used as given; the message
    says why, in the reader's language on request (:meth:`bot.i18n.LocalizedError.in_language`).
    """


class NotAFeedError(FeedError):
    """The document is not an RSS, Atom or JSON feed.

    ``looks_like_html`` is True for a web page: the caller may look for the feeds it
    announces (:func:`bot.feeds.discover_feeds`) before giving up.
    """

    def __init__(self, message: str, /, *, looks_like_html: bool = False, **fields: object) -> None:
        super().__init__(message, **fields)
        self.looks_like_html = looks_like_html


class UnsafeFeedError(NotAFeedError):
    """The XML declares entities (``<!ENTITY …>``): refused before parsing, so neither an
    entity expansion bomb nor an external entity can be read."""


class InvalidIntervalError(FeedError, ValueError):
    """A polling interval is not of the form ``15m``, ``1h``, ``6h``, ``1d``."""


class OpmlError(FeedError):
    """A file meant as an OPML subscription list cannot be read as one."""
