"""Replies to a burst of articles: the list of what was stored, and the hourly quota notice.

A burst (an editor forwarding 40 posts at once) is answered by a few messages listing what was
stored, one line per article (``#id · headline``), split at Telegram's message limits, instead
of one card per article; a sender over the hourly quota gets one notice naming what was not
stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.i18n import Translator
from bot.utf16 import utf16_len

from .packing import pack_blocks
from .text import entity_count, field_html, visible_length

__all__ = [
    "STORED_LINE_UNITS",
    "StoredArticle",
    "quota_notice",
    "stored_list",
]

#: How much of a headline (or of a refused message's first line) a line shows.
STORED_LINE_UNITS = 120


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """One line of the list: the article's id and headline, and whether it was there before."""

    article_id: int
    headline: str
    duplicate: bool = False


def _line(t: Translator, article: StoredArticle) -> str:
    headline = field_html(article.headline, STORED_LINE_UNITS) or t.gettext("(untitled)")
    if article.duplicate:
        return t.gettext(
            "#{id} · {headline} · <i>already saved before</i>",
            id=article.article_id,
            headline=headline,
        )
    return f"#{article.article_id} · {headline}"


def stored_list(t: Translator, articles: Sequence[StoredArticle]) -> list[str]:
    """The articles stored in a burst as one or more messages in ``t``'s language, one line
    each, in the order given; every message starts with the header counting them all."""
    header = t.ngettext(
        "<b>Also saved ({count}):</b>", "<b>Also saved ({count}):</b>", len(articles)
    )
    groups = pack_blocks(
        [_line(t, article) for article in articles],
        reserved_units=visible_length(header),
        reserved_entities=entity_count(header),
        separator="\n",
    )
    return ["\n".join([header, *group]) for group in groups]


def _quota_header(t: Translator, limit: int, wait_minutes: int) -> str:
    if wait_minutes <= 1:
        return t.gettext(
            "<b>Not stored:</b> I take at most {limit} articles an hour from one person. "
            "Send these again in a minute; until then I will not repeat this notice.",
            limit=t.format_number(limit),
        )
    return t.ngettext(
        "<b>Not stored:</b> I take at most {limit} articles an hour from one person. "
        "Send these again in {count} minute; until then I will not repeat this notice.",
        "<b>Not stored:</b> I take at most {limit} articles an hour from one person. "
        "Send these again in {count} minutes; until then I will not repeat this notice.",
        wait_minutes,
        limit=t.format_number(limit),
    )


def _more(t: Translator, count: int) -> str:
    return t.ngettext("… and {count} more", "… and {count} more", count)


def quota_notice(t: Translator, limit: int, wait_minutes: int, refused: Sequence[str]) -> str:
    """The one notice of an hour to a sender over the quota, in ``t``'s language: the limit,
    when to send again, and the first line of each message that was not stored (as many as
    fit one message)."""
    header = _quota_header(t, limit, wait_minutes)
    lines = [f"• {field_html(name, STORED_LINE_UNITS) or '…'}" for name in refused]
    more = _more(t, len(lines))
    [shown, *_] = pack_blocks(
        lines,
        reserved_units=visible_length(header) + utf16_len("\n") + visible_length(more),
        reserved_entities=entity_count(header),
        separator="\n",
    )
    hidden = len(lines) - len(shown)
    ending = [_more(t, hidden)] if hidden else []
    return "\n".join([header, *shown, *ending])
