"""From an extraction result to the article storage keeps (pure).

Every way in (a chat message, a document, a URL, `digest-bot ingest`, an imported export) ends
here, so an article is described the same way whichever door it came through.
"""

from __future__ import annotations

from bot.extract import Extracted, content_hash
from storage.models import NewArticle


def new_article(
    extracted: Extracted,
    *,
    chat_id: int,
    message_id: int | None = None,
    submitted_by: int | None = None,
    source_url: str | None = None,
    source_title: str | None = None,
) -> NewArticle:
    """The storable article for ``extracted`` in the collection of ``chat_id``.

    ``source_url`` is the public link shown on cards and digests: the original URL, or
    ``https://t.me/<username>/<message_id>`` for a post in a public chat (see :func:`post_link`).
    """
    return NewArticle(
        chat_id=chat_id,
        headline=extracted.headline,
        body=extracted.body,
        content_hash=content_hash(extracted),
        published=extracted.published,
        date_source=extracted.date_source,
        lead_quote=extracted.lead_quote,
        quote_speaker=extracted.quote_speaker,
        lead=extracted.lead,
        lang=extracted.lang,
        format=extracted.format,
        message_id=message_id,
        submitted_by=submitted_by,
        source_url=source_url,
        source_title=source_title,
    )


def post_link(username: str | None, message_id: int | None) -> str | None:
    """The public ``t.me`` link of a post, or None for private chats and unknown posts."""
    if not username or message_id is None:
        return None
    return f"https://t.me/{username.lstrip('@')}/{message_id}"
