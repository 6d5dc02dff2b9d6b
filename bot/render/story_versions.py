"""The `/story` reply: every version of a story the reader sees, oldest first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot.i18n import N_, Translator
from storage.models import Article

from .lists import fit_blocks
from .story_links import named_source
from .text import escape_text, field_html, format_published, link

__all__ = ["STORY_HEADLINE_UNITS", "STORY_NOT_FOUND", "STORY_USAGE", "story_versions"]

STORY_HEADLINE_UNITS = 200
#: The answer for a story that does not exist and for one the chat sees nothing of, alike.
STORY_NOT_FOUND = N_(
    "There is no story #{id} here. Search results and digests show the stories you can open."
)
STORY_USAGE = N_(
    "Which story? Give its number, e.g. <code>/story 12</code>; search results and digests show it."
)


def _published_moment(t: Translator, published: dt.date | dt.datetime | None) -> str:
    """The publication date, with the time when it is known (UTC for an aware time, as
    written by the source for a naive one)."""
    if not isinstance(published, dt.datetime):
        return format_published(t, published)
    if published.tzinfo is not None and published.utcoffset() is not None:
        return t.format_datetime(published, dt.UTC)
    return f"{t.format_date(published.date())}, {published:%H:%M}"


def story_versions(t: Translator, story_id: int, articles: Sequence[Article]) -> str:
    """The `/story` reply: every version given (oldest first, as given), each with its time,
    source, linked headline and id, as many as fit one message."""
    if not articles:
        return t.gettext(STORY_NOT_FOUND, id=story_id)
    header = t.gettext(
        "<b>Story #{id}</b> · {versions}",
        id=story_id,
        versions=t.ngettext("{count} version", "{count} versions", len(articles)),
    )
    blocks = []
    for number, article in enumerate(articles, start=1):
        headline = field_html(article.headline, STORY_HEADLINE_UNITS) or escape_text(
            t.gettext("(untitled)")
        )
        source = named_source(article)
        when = _published_moment(t, article.published)
        first_line = f"{number}. {when} · {source}" if source else f"{number}. {when}"
        blocks.append(f"{first_line}\n<b>{link(headline, article.source_url)}</b> · #{article.id}")
    return fit_blocks(t, header, blocks)
