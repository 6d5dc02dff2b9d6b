"""A feed item -> the article storage keeps, and the keys it is recognised by.

The feed door of the one intake pipeline (the poller, :mod:`bot.feeds.poller`, fetches and
stores; this module only describes): the headline from the item's title (emoji and
decoration stripped as for Telegram posts), the body from the item's content or summary or,
when the item carried only a short summary, from its linked page as ``bot/extract`` read it;
the lead quote and speaker found by the same quote finder as every other article; the article
itself made by :func:`bot.intake.article.new_article` with the feed's chat and the item's link
as its :class:`~bot.intake.article.Origin`. Pure: the page, if any, was fetched by the caller.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final

from bot.extract import Extracted
from bot.extract.headline import clean_headline, fallback_headline
from bot.extract.lang import detect_language
from bot.extract.lines import word_count, word_count_exceeds
from bot.extract.model import DateSource
from bot.extract.quotes import find_lead_quote
from bot.extract.sentences import lead_sentences
from bot.feeds.identity import identity_keys
from bot.feeds.model import FeedItem
from bot.intake.article import Origin, SourceKind, new_article
from storage.models import FEED_FORMAT, Feed, NewArticle

__all__ = [
    "DATE_FIRST_SEEN",
    "DATE_FROM_FEED",
    "article_fields",
    "item_keys",
    "needs_full_text",
]

#: ``articles.date_source`` when the item gave its date, and when it gave none (the article is
#: then dated by the moment the poller first saw it).
DATE_FROM_FEED: Final = "feed"
DATE_FIRST_SEEN: Final = "first-seen"


def needs_full_text(item: FeedItem, *, full_text: bool, below_words: int) -> bool:
    """Whether ``item`` is worth completing from its linked page: the feed's switch is on, it
    has a link, and its own text is shorter than ``below_words`` words."""
    if not full_text or item.link is None or below_words <= 0:
        return False
    return not word_count_exceeds(item.body, below_words - 1)


def article_fields(
    item: FeedItem, feed: Feed, *, first_seen: dt.datetime, page: Extracted | None = None
) -> NewArticle:
    """The article for ``item`` of ``feed`` (its collection, title and owner).

    ``page`` is the linked page as extracted, when it was fetched: its text replaces the item's
    when it is longer, and its date stands in for a missing item date. An item without any date
    is dated ``first_seen`` with ``date_source = "first-seen"``.
    """
    headline = clean_headline(item.title or "")
    use_page = page is not None and word_count(page.body) > word_count(item.body)
    body = page.body if page is not None and use_page else item.body
    if not headline:
        headline = page.headline if page is not None and page.headline else ""
    if not headline:
        headline = fallback_headline(body)
    body = body or headline
    published: dt.date | dt.datetime = first_seen
    date_source: DateSource = DATE_FIRST_SEEN
    if item.published is not None:
        published, date_source = item.published, DATE_FROM_FEED
    elif page is not None and page.published is not None and page.date_source is not None:
        published, date_source = page.published, page.date_source
    if page is not None and use_page:
        lang, quote, speaker, lead = page.lang, page.lead_quote, page.quote_speaker, page.lead
    else:
        lang = detect_language(f"{headline}\n{body}")
        found = find_lead_quote(body, lang, headline)
        quote, speaker = (found.text, found.speaker) if found else (None, None)
        lead = lead_sentences(body)
    extracted = Extracted(
        headline=headline,
        published=published,
        date_source=date_source,
        lead_quote=quote,
        quote_speaker=speaker,
        lead=lead,
        body=body,
        lang=lang,
        format=FEED_FORMAT,
    )
    origin = Origin(
        chat_id=feed.chat_id,
        submitted_by=feed.created_by,
        source_url=item.link,
        source_title=feed.title,
        kind=SourceKind.FEED,
    )
    return new_article(extracted, origin)


def item_keys(items: Sequence[FeedItem]) -> list[tuple[str, ...]]:
    """The identity keys of each item of one feed document, as storage takes them.

    A link that several items with different GUIDs share (a feed pointing every item at its
    home page) identifies none of them, so it is left out for those items.
    """
    keys = [identity_keys(item) for item in items]
    guids_per_url: dict[str, set[str | None]] = {}
    for item, own in zip(items, keys, strict=True):
        for key in own:
            if key.kind == "url":
                guids_per_url.setdefault(key.value, set()).add(item.guid)
    shared = {url for url, guids in guids_per_url.items() if len(guids) > 1}
    return [
        tuple(str(key) for key in own if key.kind != "url" or key.value not in shared)
        for own in keys
    ]
