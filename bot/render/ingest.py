"""Replies to a burst of articles: the list of what was stored, and the hourly quota notice.

A burst (an editor forwarding 40 posts at once) is answered by a few messages listing what was
stored, one line per article (``#id · headline``), split at Telegram's message limits, instead
of one card per article; a sender over the hourly quota gets one notice naming what was not
stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .packing import pack_blocks
from .text import entity_count, field_html, utf16_len, visible_length

__all__ = [
    "ALREADY_SAVED_LINE",
    "MORE_NOT_STORED",
    "NOT_STORED_LINE",
    "QUOTA_NOTICE",
    "QUOTA_NOTICE_ONE_MINUTE",
    "STORED_HEADER",
    "STORED_LINE",
    "STORED_LINE_UNITS",
    "StoredArticle",
    "quota_notice",
    "stored_list",
]

#: How much of a headline (or of a refused message's first line) a line shows.
STORED_LINE_UNITS = 120
STORED_HEADER = "<b>Also saved ({count}):</b>"
STORED_LINE = "#{id} · {headline}"
ALREADY_SAVED_LINE = "#{id} · {headline} · <i>already saved before</i>"
NOT_STORED_LINE = "• {name}"
MORE_NOT_STORED = "… and {count} more"
QUOTA_NOTICE = (
    "<b>Not stored:</b> I take at most {limit} articles an hour from one person. "
    "Send these again in {minutes} minutes; until then I will not repeat this notice."
)
QUOTA_NOTICE_ONE_MINUTE = (
    "<b>Not stored:</b> I take at most {limit} articles an hour from one person. "
    "Send these again in a minute; until then I will not repeat this notice."
)


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """One line of the list: the article's id and headline, and whether it was there before."""

    article_id: int
    headline: str
    duplicate: bool = False


def _line(article: StoredArticle) -> str:
    template = ALREADY_SAVED_LINE if article.duplicate else STORED_LINE
    headline = field_html(article.headline, STORED_LINE_UNITS) or "(untitled)"
    return template.format(id=article.article_id, headline=headline)


def stored_list(articles: Sequence[StoredArticle]) -> list[str]:
    """The articles stored in a burst as one or more messages, one line each, in the order
    given; every message starts with the header counting them all."""
    header = STORED_HEADER.format(count=len(articles))
    groups = pack_blocks(
        [_line(article) for article in articles],
        reserved_units=visible_length(header),
        reserved_entities=entity_count(header),
        separator="\n",
    )
    return ["\n".join([header, *group]) for group in groups]


def quota_notice(limit: int, wait_minutes: int, refused: Sequence[str]) -> str:
    """The one notice of an hour to a sender over the quota: the limit, when to send again, and
    the first line of each message that was not stored (as many as fit one message)."""
    template = QUOTA_NOTICE_ONE_MINUTE if wait_minutes <= 1 else QUOTA_NOTICE
    header = template.format(limit=limit, minutes=wait_minutes)
    lines = [
        NOT_STORED_LINE.format(name=field_html(name, STORED_LINE_UNITS) or "…") for name in refused
    ]
    more = MORE_NOT_STORED.format(count=len(lines))
    [shown, *_] = pack_blocks(
        lines,
        reserved_units=visible_length(header) + utf16_len("\n") + visible_length(more),
        reserved_entities=entity_count(header),
        separator="\n",
    )
    hidden = len(lines) - len(shown)
    ending = [MORE_NOT_STORED.format(count=hidden)] if hidden else []
    return "\n".join([header, *shown, *ending])
