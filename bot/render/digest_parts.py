"""Digests as Telegram HTML, split into messages on article boundaries.

Each article is rendered as one closed block with every field capped (:data:`DIGEST_LIMITS`),
so a block always fits a message on its own, however long the article; blocks are then packed
greedily in the given order. Packing depends only on the input, so re-rendering after a restart
gives the same parts, which is what lets deliveries be recorded and resumed part by part.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot.i18n import Translator
from bot.utf16 import utf16_len
from storage.models import Article

from .cards import FieldLimits, date_and_source_html, headline_html, quote_or_lead_html
from .text import (
    MAX_MESSAGE_ENTITIES,
    MAX_MESSAGE_UNITS,
    entity_count,
    visible_length,
)

__all__ = [
    "DIGEST_LIMITS",
    "digest_block",
    "render_digest",
]

#: Field caps in a digest: a digest is an overview, and the caps bound every block well below
#: one message (about 1,100 units at most), so a block never has to be cut.
DIGEST_LIMITS = FieldLimits(headline=300, quote=500, speaker=100, lead=300, source=80)
_SEPARATOR = "\n\n"


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


def _count_text(t: Translator, shown: int, total: int) -> str:
    if total > shown:
        return t.ngettext(
            "{count} new article, the newest {shown} shown",
            "{count} new articles, the newest {shown} shown",
            total,
            shown=t.format_number(shown),
        )
    return t.ngettext("{count} new article", "{count} new articles", total)


def _header(t: Translator, title_date: dt.date, count_text: str, part: int, parts: int) -> str:
    header = t.gettext(
        "<b>Digest · {date}</b> · {count}", date=t.format_date(title_date), count=count_text
    )
    return f"{header} ({part}/{parts})" if parts > 1 else header


def _pack(blocks: Sequence[str], header_units: int, header_entities: int) -> list[list[str]]:
    """Group ``blocks`` in order into as few messages as fit, each with a header."""
    unit_budget = MAX_MESSAGE_UNITS - header_units
    entity_budget = MAX_MESSAGE_ENTITIES - header_entities
    groups: list[list[str]] = []
    current: list[str] = []
    units = entities = 0
    for block in blocks:
        block_units = utf16_len(_SEPARATOR) + visible_length(block)
        block_entities = entity_count(block)
        if block_units > unit_budget or block_entities > entity_budget:
            raise ValueError(
                f"a digest block of {block_units} units does not fit one message; "
                "lower DIGEST_LIMITS"
            )
        if current and (
            units + block_units > unit_budget or entities + block_entities > entity_budget
        ):
            groups.append(current)
            current, units, entities = [], 0, 0
        current.append(block)
        units += block_units
        entities += block_entities
    groups.append(current)
    return groups


def render_digest(
    t: Translator,
    articles: Sequence[Article],
    *,
    title_date: dt.date,
    total: int,
) -> list[str]:
    """A digest of ``articles`` (newest first, as given) as one or more Telegram HTML messages.

    Written in ``t``'s language, dates and numbers too. ``title_date`` is the digest's date in
    the chat's zone; ``total`` the number of matching
    articles (more than ``len(articles)`` when the caller capped the list). Each part starts
    with a header (date, count and "(2/3)" when there are several parts) and holds whole article
    blocks, each headline linked to its article's source; no part exceeds Telegram's 4096 UTF-16
    units or 100 entities. With no articles, one part says that nothing is new.
    """
    count_text = _count_text(t, len(articles), max(total, len(articles)))
    if not articles:
        nothing_new = t.gettext("Nothing new since the last digest.")
        return [f"{_header(t, title_date, count_text, 1, 1)}{_SEPARATOR}{nothing_new}"]
    blocks = [digest_block(t, number, article) for number, article in enumerate(articles, start=1)]
    # Budget for the widest header any part could get, so the packing never depends on the
    # number of parts it produces.
    widest = len(str(len(blocks)))
    worst_header = _header(t, title_date, count_text, 10**widest - 1, 10**widest - 1)
    groups = _pack(blocks, visible_length(worst_header), entity_count(worst_header))
    return [
        _SEPARATOR.join([_header(t, title_date, count_text, index, len(groups)), *group])
        for index, group in enumerate(groups, start=1)
    ]
