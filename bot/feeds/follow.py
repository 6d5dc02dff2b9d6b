"""Following a feed: find the feed a URL names, add it to a collection, poll it at once.

A URL given by a user is either a feed or a web page; a page is searched for the feeds it
announces (``<link rel="alternate">``, :func:`bot.feeds.discover_feeds`) and the first that
reads as a feed is followed. Every request goes through :mod:`bot.fetch` like a poll's. Used by
``/feed`` and ``digest-bot feeds add``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass

from bot.feeds.cycle import poll_feed_now
from bot.feeds.discover import discover_feeds
from bot.feeds.model import NotAFeedError, ParsedFeed
from bot.feeds.parse import parse_feed
from bot.feeds.poller import FEED_ACCEPT, PollOutcome
from bot.feeds.settings import PollSettings
from bot.fetch import FetchError, fetch_url
from bot.i18n import N_
from storage import AsyncLibrary, Feed, FeedExistsError

__all__ = [
    "ALREADY_FOLLOWED",
    "FollowedFeed",
    "FoundFeed",
    "MAX_ANNOUNCED_TRIED",
    "NO_ANNOUNCED_FEED_READ",
    "NO_FEED_ANNOUNCED",
    "add_feed_at",
    "find_feed",
    "follow_feed",
]

#: A page announcing more feeds than this has only its first ones tried.
MAX_ANNOUNCED_TRIED = 3

NO_FEED_ANNOUNCED = N_(
    "{url} is a web page, not a feed, and it announces no feed (no {link} to RSS, Atom or "
    "JSON Feed). Give the address of the feed itself."
)
_ALTERNATE_LINK = '<link rel="alternate">'
NO_ANNOUNCED_FEED_READ = N_(
    "{url} is a web page; the feed it announces could not be read: {reason}"
)
ALREADY_FOLLOWED = "This chat already follows {url} (feed {feed_id})."


@dataclass(frozen=True, slots=True)
class FoundFeed:
    """The feed a URL led to: its own URL, as read once, and the page that announced it."""

    url: str
    parsed: ParsedFeed
    announced_by: str | None = None


@dataclass(frozen=True, slots=True)
class FollowedFeed:
    """A feed just followed, and its first poll (None when another poller held it)."""

    feed: Feed
    found: FoundFeed
    outcome: PollOutcome | None


class _PageError(NotAFeedError):
    """A web page where a feed was expected, with the feeds it announces."""

    def __init__(self, cause: NotAFeedError, *, announced: list[str]) -> None:
        super().__init__(cause.template, looks_like_html=True, **cause.fields)
        self.announced = announced


async def _read(url: str, settings: PollSettings) -> ParsedFeed:
    """Fetch and parse ``url``.

    Raises:
        FetchError: the URL cannot be fetched.
        NotAFeedError: not a feed; a :class:`_PageError` with the feeds it announces when it
            is a web page.
    """
    page = await fetch_url(
        url,
        timeout_s=settings.timeout_s,
        max_bytes=settings.max_bytes,
        allow_private=settings.allow_private,
        exempt=settings.exempt,
        accept=FEED_ACCEPT,
        content_types=None,
    )
    try:
        return await asyncio.to_thread(
            parse_feed, page.body, content_type=page.content_type or None, url=page.final_url
        )
    except NotAFeedError as error:
        if error.looks_like_html:
            announced = discover_feeds(
                page.body, page_url=page.final_url, content_type=page.content_type or None
            )
            raise _PageError(error, announced=[feed.url for feed in announced]) from error
        raise


async def find_feed(url: str, settings: PollSettings) -> FoundFeed:
    """The feed ``url`` names: itself, or the first readable feed its web page announces.

    Raises:
        FetchError: the URL (or the announced feed) cannot be fetched.
        NotAFeedError: neither a feed nor a page announcing one; the message says which.
    """
    try:
        return FoundFeed(url, await _read(url, settings))
    except _PageError as page:
        if not page.announced:
            raise NotAFeedError(
                NO_FEED_ANNOUNCED, looks_like_html=True, url=url, link=_ALTERNATE_LINK
            ) from None
        reason: FetchError | NotAFeedError | None = None
        for candidate in page.announced[:MAX_ANNOUNCED_TRIED]:
            try:
                return FoundFeed(candidate, await _read(candidate, settings), announced_by=url)
            except (FetchError, NotAFeedError) as error:
                reason = error
        raise NotAFeedError(
            NO_ANNOUNCED_FEED_READ, looks_like_html=True, url=url, reason=reason or ""
        ) from None


async def add_feed_at(
    library: AsyncLibrary,
    found: FoundFeed,
    *,
    chat_id: int,
    interval: dt.timedelta,
    created_by: int | None,
    first_poll_at: dt.datetime,
) -> Feed:
    """Follow ``found`` in the collection of ``chat_id``, first due at ``first_poll_at``.

    Raises:
        FeedExistsError: the chat already follows the feed.
    """
    existing = await library.find_feed(chat_id, found.url)
    if existing is not None:
        raise FeedExistsError(
            ALREADY_FOLLOWED.format(url=found.url, feed_id=existing.id), feed_id=existing.id
        )
    return await library.add_feed(
        chat_id=chat_id,
        url=found.url,
        interval=interval,
        next_poll_at=first_poll_at,
        created_by=created_by,
        title=found.parsed.title,
    )


async def follow_feed(
    library: AsyncLibrary,
    settings: PollSettings,
    url: str,
    *,
    chat_id: int,
    interval: dt.timedelta,
    created_by: int | None,
) -> FollowedFeed:
    """Find the feed ``url`` names, follow it in ``chat_id``'s collection and poll it now.

    The feed is added due only after its first poll's lease, so a polling cycle running
    meanwhile leaves it to this poll.

    Raises:
        FeedExistsError: the chat already follows ``url`` (or the feed it leads to).
        FetchError, NotAFeedError: as :func:`find_feed`.
    """
    existing = await library.find_feed(chat_id, url)
    if existing is not None:
        raise FeedExistsError(
            ALREADY_FOLLOWED.format(url=url, feed_id=existing.id), feed_id=existing.id
        )
    found = await find_feed(url, settings)
    now = dt.datetime.now(dt.UTC)
    feed = await add_feed_at(
        library, found, chat_id=chat_id, interval=interval, created_by=created_by,
        first_poll_at=now + settings.lease,
    )  # fmt: skip
    outcome = await poll_feed_now(library, feed.id, settings, now=now)
    return FollowedFeed(feed, found, outcome)
