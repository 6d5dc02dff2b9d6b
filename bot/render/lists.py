"""Replies that list things: search results, the latest articles, a chat's subscriptions."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from bot.i18n import Translator
from bot.utf16 import utf16_len
from storage.models import SNIPPET_END, SNIPPET_START, Article, SearchHit

from .cards import headline_html
from .story_links import more_versions
from .text import (
    MAX_MESSAGE_ENTITIES,
    MAX_MESSAGE_UNITS,
    entity_count,
    escape_text,
    field_html,
    format_published,
    strip_controls,
    truncate_visible,
    visible_length,
)

__all__ = [
    "LIST_HEADLINE_UNITS",
    "LIST_SOURCE_UNITS",
    "QUERY_UNITS",
    "SNIPPET_UNITS",
    "fit_blocks",
    "latest_list",
    "no_results",
    "search_results",
    "snippet_html",
]

LIST_HEADLINE_UNITS = 200
#: A result names its source (a feed, a channel) in at most this many units.
LIST_SOURCE_UNITS = 60
SNIPPET_UNITS = 300
QUERY_UNITS = 100
_SEPARATOR = "\n\n"
_SNIPPET_MARK = re.compile(f"([{SNIPPET_START}{SNIPPET_END}])")
_WHITESPACE_RUN = re.compile(r"\s+")


def _hidden_note(t: Translator, hidden: int) -> str:
    return t.ngettext("… and {count} more not shown", "… and {count} more not shown", hidden)


def fit_blocks(t: Translator, header: str, blocks: Sequence[str]) -> str:
    """``header`` and as many whole ``blocks`` as fit one message, with a note on the rest.

    Blocks are closed HTML fragments; they are kept whole, never cut, and the result stays
    within Telegram's length and entity limits.
    """
    note_reserve = utf16_len(_SEPARATOR + _hidden_note(t, len(blocks)))
    used_units = visible_length(header)
    used_entities = entity_count(header)
    kept: list[str] = []
    for index, block in enumerate(blocks):
        units = utf16_len(_SEPARATOR) + visible_length(block)
        entities = entity_count(block)
        is_last = index == len(blocks) - 1
        limit = MAX_MESSAGE_UNITS if is_last else MAX_MESSAGE_UNITS - note_reserve
        if used_units + units > limit or used_entities + entities > MAX_MESSAGE_ENTITIES:
            break
        kept.append(block)
        used_units += units
        used_entities += entities
    text = _SEPARATOR.join([header, *kept])
    hidden = len(blocks) - len(kept)
    return f"{text}{_SEPARATOR}{_hidden_note(t, hidden)}" if hidden else text


def snippet_html(snippet: str, max_units: int = SNIPPET_UNITS) -> str:
    """An FTS snippet as HTML: text escaped, matches between SNIPPET_START/END in bold.

    The visible text is truncated to ``max_units``; stray or unclosed marks never produce
    unbalanced tags.
    """
    pieces: list[str] = []
    remaining = max_units
    is_bold = False
    for token in _SNIPPET_MARK.split(snippet):
        if token in (SNIPPET_START, SNIPPET_END):
            is_bold = token == SNIPPET_START
            continue
        text = _WHITESPACE_RUN.sub(" ", strip_controls(token))
        if not pieces:
            text = text.lstrip()
        if not text:
            continue
        shown = truncate_visible(text, remaining)
        remaining -= utf16_len(shown)
        escaped = escape_text(shown)
        pieces.append(f"<b>{escaped}</b>" if is_bold and shown.strip() else escaped)
        if shown != text or remaining <= 0:
            break
    return "".join(pieces).rstrip()


def search_results(
    t: Translator,
    hits: Sequence[SearchHit],
    offset: int,
    total_shown: int,
    query: str,
    more_in_story: Mapping[int, int] | None = None,
) -> str:
    """One page of search results, numbered from ``offset + 1``.

    ``total_shown`` is the number of results counted so far (at least ``offset + len(hits)``);
    when it is larger than the end of this page the header says "of N". Each headline links to
    its article's source; a named source (a feed's or a channel's title) follows the date.
    ``more_in_story`` maps a story id to how many other versions of it the reader sees: a hit
    of such a story says "+N more" and how to open the story.
    """
    more_in_story = more_in_story or {}
    if not hits:
        return no_results(t, query)
    first, last = offset + 1, offset + len(hits)
    numbers = {"first": t.format_number(first), "last": t.format_number(last)}
    shown_query = field_html(query, QUERY_UNITS)
    if total_shown > last:
        header = t.gettext(
            "<b>Results {first}–{last} of {total}</b> for “{query}”",
            total=t.format_number(total_shown),
            query=shown_query,
            **numbers,
        )
    else:
        header = t.gettext(
            "<b>Results {first}–{last}</b> for “{query}”", query=shown_query, **numbers
        )
    blocks = []
    for number, hit in enumerate(hits, start=first):
        article = hit.article
        lines = [
            f"{number}. {headline_html(t, article, LIST_HEADLINE_UNITS)}"
            f" · {format_published(t, article.published)}{_source_title(article)} · #{article.id}"
        ]
        story = article.story_id
        if story is not None and more_in_story.get(story, 0) > 0:
            lines.append(more_versions(t, story, more_in_story[story]))
        snippet = snippet_html(hit.snippet)
        if snippet:
            lines.append(snippet)
        blocks.append("\n".join(lines))
    return fit_blocks(t, header, blocks)


def _source_title(article: Article) -> str:
    """`` · Title`` of the article's source (a feed, a channel), or nothing."""
    title = field_html(article.source_title, LIST_SOURCE_UNITS)
    return f" · {title}" if title else ""


def no_results(t: Translator, query: str) -> str:
    """The reply when a search finds nothing, with a hint on widening it."""
    return t.gettext(
        "Nothing found for “{query}”.\n"
        "Try fewer words, a prefix such as <code>climat*</code>, or <code>a OR b</code>.",
        query=field_html(query, QUERY_UNITS),
    )


def latest_list(t: Translator, articles: Sequence[Article]) -> str:
    """The `/latest` reply in ``t``'s language: the articles added last, as given (newest
    arrival first), each with id, publication date and (linked) headline. The header says
    "added": the order is by arrival, not by publication date."""
    if not articles:
        return t.gettext(
            "No articles yet. Send me an article, a link or a file to start the library."
        )
    blocks = [
        f"#{a.id} · {format_published(t, a.published)}\n" + headline_html(t, a, LIST_HEADLINE_UNITS)
        for a in articles
    ]
    header = t.ngettext(
        "<b>Latest added ({count})</b>", "<b>Latest added ({count})</b>", len(articles)
    )
    return fit_blocks(t, header, blocks)
