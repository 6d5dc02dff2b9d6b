"""The `/feeds` reply and the notice that a failing feed was paused, in the reader's language."""

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


def format_moment(t: Translator, moment: dt.datetime) -> str:
    """A stored instant as readers of ``t``'s language write it, in UTC."""
    return t.format_datetime(moment, dt.UTC)


def feed_title(feed: Feed) -> str:
    """The feed's title, or its URL when it has none yet, escaped."""
    return field_html(feed.title or feed.url, TITLE_UNITS)


def _feed_block(t: Translator, feed: Feed) -> str:
    last_success = (
        format_moment(t, feed.last_success_at) if feed.last_success_at else t.gettext("never")
    )
    url = field_html(feed.url, URL_UNITS)
    lines = [
        f"<b>#{feed.id} {feed_title(feed)}</b>",
        url,
        t.ngettext(
            "every {interval} · {count} article stored · last success: {last_success}",
            "every {interval} · {count} articles stored · last success: {last_success}",
            feed.items_stored,
            interval=format_interval(feed.interval),
            last_success=last_success,
        ),
    ]
    if feed.paused_reason:
        lines.append(
            t.gettext(
                "⏸ paused: {reason}. Send /feed {url} again to resume.",
                reason=field_html(feed.paused_reason, ERROR_UNITS),
                url=url,
            )
        )
    elif feed.last_error:
        lines.append(
            t.gettext("last error: {error}", error=field_html(feed.last_error, ERROR_UNITS))
        )
    if feed.bozo_note:
        lines.append(t.gettext("note: {note}", note=field_html(feed.bozo_note, ERROR_UNITS)))
    return "\n".join(lines)


def feeds_list(t: Translator, feeds: Sequence[Feed]) -> str:
    """The `/feeds` reply in ``t``'s language: per feed its id, title, URL, interval, articles
    stored, last success, and the last error, pause reason or parsing note when there is one."""
    if not feeds:
        return t.gettext(
            "No feeds here. Follow one with <code>/feed https://example.com/rss</code>."
        )
    header = t.ngettext("<b>Feeds ({count})</b>", "<b>Feeds ({count})</b>", len(feeds))
    return fit_blocks(t, header, [_feed_block(t, feed) for feed in feeds])


def feed_paused_notice(t: Translator, feed: Feed) -> str:
    """The message a chat gets, once, in ``t``'s language, when one of its feeds is paused
    after failing too long."""
    return t.gettext(
        "⏸ I paused the feed <b>{title}</b> ({url}): {reason}. It is no longer read. "
        "Send /feed {url} to try it again, or /unfeed {feed_id} to remove it.",
        title=feed_title(feed),
        url=field_html(feed.url, URL_UNITS),
        reason=field_html(feed.paused_reason or feed.last_error, ERROR_UNITS),
        feed_id=feed.id,
    )
