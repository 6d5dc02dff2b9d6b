"""From an extraction result and where it came from to the article storage keeps.

Every way in (a chat message, a document, a URL, an article file, an export record, and next a
feed item) ends here, so an article is described the same way whichever door it came through.
A new kind of intake extracts its text, says where it came from with an :class:`Origin`, and
calls :func:`store_article` (or :func:`new_article` when it stores in batches itself).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from bot.extract import Extracted, content_hash
from bot.i18n import N_
from bot.intake.errors import TextTooLongError
from bot.metrics import BotMetrics
from storage.aio import AsyncLibrary
from storage.models import AddResult, NewArticle

__all__ = [
    "Origin",
    "SourceKind",
    "check_text_length",
    "new_article",
    "post_link",
    "store_article",
]


class SourceKind(StrEnum):
    """The way an article came in: the ``kind`` label of ``digest_bot_articles_stored_total``."""

    MESSAGE = "message"  # text pasted in a chat
    FORWARD = "forward"  # a forwarded post or message
    CHANNEL_POST = "channel_post"  # a post in a channel the bot reads
    DOCUMENT = "document"  # a file sent in a chat
    URL = "url"  # a message that is only a link, fetched
    FEED = "feed"  # an item of a followed feed
    IMPORT = "import"  # a message of a channel's history export (/import, digest-bot ingest)
    FILE = "file"  # an article file from the command line (digest-bot ingest PATH)
    SAMPLE = "sample"  # a sample article of digest-bot try


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an article came from.

    ``chat_id`` is the collection it joins; ``kind`` the way it came in; ``message_id`` and
    ``submitted_by`` the post and the sender when it came as a Telegram message.
    ``source_url`` is the public link shown on cards and digests: the original URL, or
    ``https://t.me/<username>/<message_id>`` for a post in a public chat (see
    :func:`post_link`); ``source_title`` names the source (a channel, a sender).
    """

    chat_id: int
    message_id: int | None = None
    submitted_by: int | None = None
    source_url: str | None = None
    source_title: str | None = None
    kind: SourceKind = field(kw_only=True)


def new_article(extracted: Extracted, origin: Origin) -> NewArticle:
    """The storable article for ``extracted``, in the collection ``origin`` names."""
    return NewArticle(
        chat_id=origin.chat_id,
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
        message_id=origin.message_id,
        submitted_by=origin.submitted_by,
        source_url=origin.source_url,
        source_title=origin.source_title,
    )


async def store_article(
    library: AsyncLibrary, extracted: Extracted, origin: Origin, *, metrics: BotMetrics
) -> AddResult:
    """Store one extracted article, counted in ``metrics`` by its kind; the same article sent
    twice to one collection is stored once (the result says it was a duplicate)."""
    result = await library.add_article(new_article(extracted, origin))
    metrics.article_stored(origin.kind, duplicate=result.duplicate)
    return result


def post_link(username: str | None, message_id: int | None) -> str | None:
    """The public ``t.me`` link of a post, or None for private chats and unknown posts."""
    if not username or message_id is None:
        return None
    return f"https://t.me/{username.lstrip('@')}/{message_id}"


def check_text_length(text: str, max_chars: int) -> None:
    """Refuse an article text over ``[limits] max_text_chars``.

    Raises:
        TextTooLongError: with the sizes, fit for the user.
    """
    if len(text) > max_chars:
        raise TextTooLongError(
            N_("The text has {chars} characters; the most I store is {limit}."),
            chars=len(text),
            limit=max_chars,
        )
