"""The `/feeds` reply and the notice that a failing feed was paused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot.feeds.intervals import format_interval
from bot.i18n import Translator
from storage.models import Feed

from .lists import fit_blocks
from .text import field_html

__all__ = [
    "ERROR_UNITS",
    "FEEDS_HEADER",
    "FEED_BLOCK",
    "FEED_LAST_ERROR",
    "FEED_NEVER_POLLED",
    "FEED_NOTE",
    "FEED_PAUSED",
    "FEED_PAUSED_NOTICE",
    "NO_FEEDS",
    "TITLE_UNITS",
    "URL_UNITS",
    "feed_paused_notice",
    "feed_title",
    "feeds_list",
    "format_moment",
]

TITLE_UNITS = 120
URL_UNITS = 200
ERROR_UNITS = 300

NO_FEEDS = "No feeds here. Follow one with <code>/feed https://example.com/rss</code>."
FEEDS_HEADER = "<b>Feeds ({count})</b>"
FEED_BLOCK = (
    "<b>#{feed_id} {title}</b>\n{url}\nevery {interval} · {articles} articles stored"
    " · last success: {last_success}"
)
FEED_NEVER_POLLED = "never"
FEED_LAST_ERROR = "last error: {error}"
FEED_NOTE = "note: {note}"
FEED_PAUSED = "⏸ paused: {reason}. Send /feed {url} again to resume."
FEED_PAUSED_NOTICE = (
    "⏸ I paused the feed <b>{title}</b> ({url}): {reason}. It is no longer read. "
    "Send /feed {url} to try it again, or /unfeed {feed_id} to remove it."
)


def format_moment(moment: dt.datetime) -> str:
    """A stored instant as users read it: ``2025-03-01 12:00 UTC``."""
    return f"{moment.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC"


def feed_title(feed: Feed) -> str:
    """The feed's title, or its URL when it has none yet, escaped."""
    return field_html(feed.title or feed.url, TITLE_UNITS)


def _feed_block(feed: Feed) -> str:
    last_success = (
        format_moment(feed.last_success_at) if feed.last_success_at else FEED_NEVER_POLLED
    )
    lines = [
        FEED_BLOCK.format(
            feed_id=feed.id,
            title=feed_title(feed),
            url=field_html(feed.url, URL_UNITS),
            interval=format_interval(feed.interval),
            articles=feed.items_stored,
            last_success=last_success,
        )
    ]
    if feed.paused_reason:
        lines.append(
            FEED_PAUSED.format(
                reason=field_html(feed.paused_reason, ERROR_UNITS),
                url=field_html(feed.url, URL_UNITS),
            )
        )
    elif feed.last_error:
        lines.append(FEED_LAST_ERROR.format(error=field_html(feed.last_error, ERROR_UNITS)))
    if feed.bozo_note:
        lines.append(FEED_NOTE.format(note=field_html(feed.bozo_note, ERROR_UNITS)))
    return "\n".join(lines)


def feeds_list(t: Translator, feeds: Sequence[Feed]) -> str:
    """The `/feeds` reply: per feed its id, title, URL, interval, articles stored, last
    success, and the last error, pause reason or parsing note when there is one."""
    if not feeds:
        return NO_FEEDS
    return fit_blocks(t, FEEDS_HEADER.format(count=len(feeds)), [_feed_block(f) for f in feeds])


def feed_paused_notice(feed: Feed) -> str:
    """The message a chat gets, once, when one of its feeds is paused after failing too long."""
    return FEED_PAUSED_NOTICE.format(
        title=feed_title(feed),
        url=field_html(feed.url, URL_UNITS),
        reason=field_html(feed.paused_reason or feed.last_error, ERROR_UNITS),
        feed_id=feed.id,
    )
