"""Articles for digest tests: long enough that a few of them fill a Telegram message."""

from __future__ import annotations

import hashlib

from storage.models import NewArticle

#: With these fields a digest block is about 950 UTF-16 units: four blocks fit one message, so
#: nine articles make a digest of exactly three parts.
ARTICLES_FOR_THREE_PARTS = 9


def digest_article(chat_id: int, number: int, *, topic: str = "harbour") -> NewArticle:
    """Article ``number`` of a chat, with a capped-length headline and lead quote."""
    headline = f"Story {number} about the {topic} " + "x" * 280
    quote = f"Quote {number} on the {topic} " + "y" * 520
    return NewArticle(
        chat_id=chat_id,
        headline=headline,
        body=f"Body of story {number} about the {topic}.",
        content_hash=hashlib.sha256(f"{chat_id}/{number}/{topic}".encode()).hexdigest(),
        lead_quote=quote,
        quote_speaker="A. Spokesperson",
        source_url=f"https://news.example/{topic}/{number}",
    )
