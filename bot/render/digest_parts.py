"""Digests as Telegram HTML, one entry per story, split into messages on entry boundaries.

The articles of a digest are grouped by story (:func:`bot.render.story_groups.group_stories`):
each story is one entry, its representing article in full and the other versions as "also:"
links. Each entry is rendered as one closed block with every field capped
(:data:`DIGEST_LIMITS`, at most :data:`~bot.render.story_links.ALSO_SHOWN` sources named), so a
block always fits a message on its own, however long the article or large the story; blocks are
then packed greedily in order, and a story is never split between two parts. Grouping and
packing depend only on the input, so re-rendering after a restart gives the same parts, which is
what lets deliveries be recorded and resumed part by part.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot.i18n import N_, Translator
from storage.models import Article

from .cards import FieldLimits, date_and_source_html, headline_html, quote_or_lead_html
from .packing import pack_blocks
from .story_groups import StoryEntry, group_stories
from .story_links import also_line
from .text import entity_count, escape_text, visible_length

__all__ = [
    "DIGEST_LIMITS",
    "NOTHING_NEW",
    "digest_block",
    "render_digest",
    "story_block",
]

#: Field caps in a digest: a digest is an overview, and the caps bound every block well below
#: one message (about 1,100 units at most, some 400 more with an "also:" line), so a block
#: never has to be cut.
DIGEST_LIMITS = FieldLimits(headline=300, quote=500, speaker=100, lead=300, source=80)
_SEPARATOR = "\n\n"
NOTHING_NEW = N_("Nothing new since the last digest.")


def digest_block(t: Translator, number: int, article: Article) -> str:
    """One article of a digest: numbered linked headline, date and source, quote or lead."""
    lines = [
        f"{number}. {headline_html(t, article, DIGEST_LIMITS.headline)}",
        date_and_source_html(t, article, DIGEST_LIMITS.source),
    ]
    quote = quote_or_lead_html(article, DIGEST_LIMITS)
    if quote:
        lines.append(quote)
    return "\n".join(lines)


def story_block(t: Translator, number: int, entry: StoryEntry, *, command: bool = True) -> str:
    """One story of a digest: the block of its representing article, then "also:" and the
    other versions' sources, linked, when it has other versions (with ``/story_N`` when
    ``command``)."""
    block = digest_block(t, number, entry.lead)
    also = also_line(t, entry, command=command)
    return f"{block}\n{also}" if also else block


def _count_text(t: Translator, shown: int, total: int, stories: int) -> str:
    """The digest's size: stories, with the articles they hold in brackets, when some story
    holds several of the articles shown; else articles alone."""
    if stories < shown:
        in_stories = t.ngettext("{count} story", "{count} stories", stories)
        if total > shown:
            return t.ngettext(
                "{count} new article, the newest {shown} shown as {stories}",
                "{count} new articles, the newest {shown} shown as {stories}",
                total,
                shown=t.format_number(shown),
                stories=in_stories,
            )
        return t.ngettext(
            "{count} new story ({articles})",
            "{count} new stories ({articles})",
            stories,
            articles=t.ngettext("{count} article", "{count} articles", shown),
        )
    if total > shown:
        return t.ngettext(
            "{count} new article, the newest {shown} shown",
            "{count} new articles, the newest {shown} shown",
            total,
            shown=t.format_number(shown),
        )
    return t.ngettext("{count} new article", "{count} new articles", total)


def _title(t: Translator, title_date: dt.date, count_text: str) -> str:
    """The header's words, the same in every part (written once per digest)."""
    return t.gettext(
        "<b>Digest · {date}</b> · {count}", date=t.format_date(title_date), count=count_text
    )


def _header(title: str, part: int, parts: int, label: str) -> str:
    numbered = f"{title} ({part}/{parts})" if parts > 1 else title
    return f"{numbered}\n{label}" if label else numbered


def render_digest(
    t: Translator,
    articles: Sequence[Article],
    *,
    title_date: dt.date,
    total: int,
    label: str = "",
    footer: str = "",
    nothing_new: str = NOTHING_NEW,
    story_commands: bool = True,
) -> list[str]:
    """A digest of ``articles`` (newest first, as given) as one or more Telegram HTML messages.

    Written in ``t``'s language, dates and numbers too. ``title_date`` is the digest's date in
    the chat's zone; ``total`` the number of matching
    articles (more than ``len(articles)`` when the caller capped the list). ``articles`` are
    what the chat sees: a story is shown as one entry, in the place of its newest article, with
    the other versions among ``articles`` as "also:" links, and never more. Each part starts
    with a header (date, count of stories and articles, "(2/3)" when there are several parts,
    then ``label`` on a line of its own when given) and holds whole story blocks, each headline
    linked to its article's source; the last part ends with ``footer`` when given. No part
    exceeds Telegram's 4096 UTF-16 units or 100 entities. With no articles, one part says
    ``nothing_new``. ``label`` and ``footer`` are Telegram HTML (escaped by the caller), a line
    or two each. ``story_commands=False`` leaves ``/story_N`` out of the "also:" lines: a
    channel's readers cannot send commands.
    """
    entries = group_stories(articles)
    count_text = _count_text(t, len(articles), max(total, len(articles)), len(entries))
    title = _title(t, title_date, count_text)
    ending = [footer] if footer else []
    if not articles:
        header = _header(title, 1, 1, label)
        return [_SEPARATOR.join([header, escape_text(t.gettext(nothing_new)), *ending])]
    blocks = [
        story_block(t, number, entry, command=story_commands)
        for number, entry in enumerate(entries, start=1)
    ]
    # Budget for the widest header any part could get, and the footer in every part, so the
    # packing never depends on the number of parts it produces.
    widest = len(str(len(blocks)))
    worst_header = _SEPARATOR.join([_header(title, 10**widest - 1, 10**widest - 1, label), *ending])
    groups = pack_blocks(
        blocks,
        reserved_units=visible_length(worst_header),
        reserved_entities=entity_count(worst_header),
    )
    parts = [
        _SEPARATOR.join([_header(title, index, len(groups), label), *group])
        for index, group in enumerate(groups, start=1)
    ]
    parts[-1] = _SEPARATOR.join([parts[-1], *ending])
    return parts
