"""Article cards: the reply to an ingested article, `/article`, and the pieces digests reuse."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.i18n import Translator
from bot.utf16 import utf16_len
from storage.models import Article

from .text import (
    MAX_MESSAGE_UNITS,
    clean_field,
    escape_text,
    field_html,
    format_published,
    link,
    source_label,
    strip_controls,
    truncate_visible,
    visible_length,
)

__all__ = [
    "CARD_LIMITS",
    "FieldLimits",
    "article_card",
    "article_full",
    "date_and_source_html",
    "duplicate_notice",
    "headline_html",
    "quote_marks",
    "quote_or_lead_html",
]

#: Languages whose typography quotes with guillemets; the rest get curly English quotes.
_GUILLEMET_LANGS = frozenset({"ru", "uk", "be", "kk", "fr", "es", "it", "pt", "ca", "el", "no"})
_QUOTE_MARKS = "\"'«»“”„‚‘’‹›"
_BLANK_LINES = re.compile(r"\n\s*\n\s*")


@dataclass(frozen=True, slots=True)
class FieldLimits:
    """Maximum visible UTF-16 length of each field of a rendered article."""

    headline: int
    quote: int
    speaker: int
    lead: int
    source: int


#: Limits for a card sent on its own. All together stay far below one message.
CARD_LIMITS = FieldLimits(headline=300, quote=600, speaker=100, lead=500, source=100)


def headline_html(t: Translator, article: Article, max_units: int) -> str:
    """The headline in bold, linked to the article's source (its original post or page) when
    that is a usable link."""
    text = field_html(article.headline, max_units) or escape_text(t.gettext("(untitled)"))
    return f"<b>{link(text, article.source_url)}</b>"


def quote_marks(lang: str) -> tuple[str, str]:
    """Opening and closing quotation marks for an article's language."""
    return ("«", "»") if lang.split("-")[0].lower() in _GUILLEMET_LANGS else ("“", "”")


def quote_or_lead_html(article: Article, limits: FieldLimits) -> str | None:
    """The lead quote in quotation marks with " — speaker", else the lead sentence, else None."""
    # Marks are added back below; a trailing comma is where the attribution cut the sentence.
    quote = clean_field(article.lead_quote).strip(_QUOTE_MARKS + " ").rstrip(",;: ")
    if quote:
        opening, closing = quote_marks(article.lang)
        rendered = f"{opening}{escape_text(truncate_visible(quote, limits.quote))}{closing}"
        speaker = field_html(article.quote_speaker, limits.speaker)
        return f"{rendered} — {speaker}" if speaker else rendered
    lead = field_html(article.lead, limits.lead)
    return f"<i>{lead}</i>" if lead else None


def date_and_source_html(t: Translator, article: Article, max_source_units: int) -> str:
    """``12 July 2018 · Source`` with the source linked to its URL when there is one."""
    parts = [format_published(t, article.published)]
    label = source_label(article.source_title, article.source_url)
    if label:
        parts.append(
            link(escape_text(truncate_visible(label, max_source_units)), article.source_url)
        )
    return " · ".join(parts)


def article_card(t: Translator, article: Article) -> str:
    """The card for one article: headline, date and source, lead quote or sentence, and ``#id``.

    The headline links to the article's source URL (for a public post ``https://t.me/channel/123``).
    """
    lines = [
        headline_html(t, article, CARD_LIMITS.headline),
        date_and_source_html(t, article, CARD_LIMITS.source),
    ]
    quote = quote_or_lead_html(article, CARD_LIMITS)
    if quote:
        lines.append(quote)
    lines.append(f"#{article.id} · /article {article.id}")
    return "\n".join(lines)


def _clean_body(body: str) -> str:
    """The body with controls removed and paragraphs separated by exactly one blank line."""
    text = strip_controls(body.replace("\r\n", "\n").replace("\r", "\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def article_full(t: Translator, article: Article) -> str:
    """The `/article` reply: the card followed by the body, shortened to fit one message."""
    card = article_card(t, article)
    body = _clean_body(article.body)
    if not body:
        return card
    separator = "\n\n"
    budget = MAX_MESSAGE_UNITS - visible_length(card) - utf16_len(separator)
    return card + separator + escape_text(truncate_visible(body, budget))


def duplicate_notice(t: Translator, article_id: int) -> str:
    """The reply to an article that was already in the collection."""
    return t.gettext("Already saved as #{id} · /article {id}", id=article_id)
