"""Links to stories: the "also:" line of a digest entry and "+N more" under a search hit.

A story is opened with ``/story_<id>``, a command Telegram shows as one tappable link (``/story
<id>`` with a space would link the bare ``/story`` only); ``/story <id>`` typed by hand works too.
Everything here shows only the articles it is given: the caller passes what the reader sees.
"""

from __future__ import annotations

from bot.i18n import Translator
from storage.models import Article

from .story_groups import StoryEntry
from .text import escape_text, link, source_label, truncate_visible

__all__ = [
    "ALSO_SHOWN",
    "ALSO_SOURCE_UNITS",
    "also_line",
    "more_versions",
    "named_source",
    "story_command",
    "version_source",
]

#: An "also:" line names at most this many other versions, then says how many more there are.
ALSO_SHOWN = 6
#: A source named in an "also:" line or the `/story` list takes at most this many units.
ALSO_SOURCE_UNITS = 40


def story_command(story_id: int) -> str:
    """``/story_12``: the tappable command that opens a story."""
    return f"/story_{int(story_id)}"


def named_source(article: Article) -> str | None:
    """The article's source as HTML: its name (a feed's or channel's title, else the host of its
    link), linked to the article's URL or post; None when nothing names it."""
    label = source_label(article.source_title, article.source_url)
    if not label:
        return None
    return link(escape_text(truncate_visible(label, ALSO_SOURCE_UNITS)), article.source_url)


def version_source(article: Article) -> str:
    """:func:`named_source`, or ``#id`` for an article nothing names."""
    return named_source(article) or f"#{article.id}"


def also_line(t: Translator, entry: StoryEntry, *, command: bool = True) -> str | None:
    """``also: Source B, Source C · /story_12`` for a digest entry with other versions, else
    None. At most :data:`ALSO_SHOWN` sources are named; the rest are counted. Without
    ``command`` the ``/story_12`` is left out."""
    if not entry.others or entry.story_id is None:
        return None
    named = [version_source(article) for article in entry.others[:ALSO_SHOWN]]
    hidden = len(entry.others) - len(named)
    sources = ", ".join(named)
    if hidden:
        sources = t.ngettext(
            "{sources} and {count} more", "{sources} and {count} more", hidden, sources=sources
        )
    # TRANSLATORS: under a digest entry: the other sources that reported the same story.
    also = t.gettext("also: {sources}", sources=sources)
    return f"{also} · {story_command(entry.story_id)}" if command else also


def more_versions(t: Translator, story_id: int, others: int) -> str:
    """``+2 more · /story_12`` under a search hit whose story has ``others`` more versions."""
    # TRANSLATORS: after a search result: how many other versions of the same story exist.
    more = t.ngettext("+{count} more", "+{count} more", others)
    return f"{more} · {story_command(story_id)}"
