"""A Telegram message to a stored article, with where it came from (DESIGN §4).

What a message holds decides the way in: a document is downloaded and decoded
(:mod:`bot.intake.document`); a forward or a channel post is a Telegram post (text plus
entities, the original post's date as the fallback publication date); a message that is only a
link is fetched (:mod:`bot.intake.url`); any other text is a pasted article. Extraction runs off
the event loop. Every refusal is one of :data:`REFUSALS`, whose message can be shown to the user.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from telegram import (
    Message,
    MessageEntity,
    MessageOrigin,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
)
from telegram.constants import ChatType

from bot.config import Config
from bot.extract import Extracted, ExtractError, extract_text
from bot.extract.telegram import PostEntity, extract_telegram_post
from bot.fetch import FetchError
from bot.i18n import N_, LocalizedError
from bot.intake.article import Origin, SourceKind, check_text_length, post_link, store_article
from bot.intake.classify import linked_url
from bot.intake.document import is_supported_document, read_document
from bot.intake.errors import IngestError, NoTextError
from bot.intake.url import read_url
from bot.metrics import BotMetrics
from storage.aio import AsyncLibrary
from storage.models import AddResult

__all__ = [
    "REFUSALS",
    "forward_source",
    "post_entities",
    "read_message",
    "store_message",
]

#: What a message that cannot become an article raises; each message is fit for the user, in
#: the user's language (:meth:`bot.i18n.LocalizedError.in_language`).
REFUSALS: tuple[type[LocalizedError], ...] = (IngestError, ExtractError, FetchError)


def post_entities(entities: Sequence[MessageEntity]) -> list[PostEntity]:
    """Bot API entities as the extractor takes them (offsets stay in UTF-16 code units)."""
    return [
        PostEntity(
            type=str(entity.type), offset=entity.offset, length=entity.length, url=entity.url
        )
        for entity in entities
    ]


def forward_source(origin: MessageOrigin) -> tuple[str | None, str | None]:
    """``(public link, source name)`` of a forwarded message's origin.

    Only a post of a public channel has a public link; the name is the channel's or group's
    title, or the original sender's name.
    """
    if isinstance(origin, MessageOriginChannel):
        return post_link(origin.chat.username, origin.message_id), origin.chat.title
    if isinstance(origin, MessageOriginChat):
        return None, origin.sender_chat.title
    if isinstance(origin, MessageOriginUser):
        return None, origin.sender_user.full_name
    if isinstance(origin, MessageOriginHiddenUser):
        return None, origin.sender_user_name
    return None, None


async def _read_post(
    message: Message, config: Config, public_link: str | None
) -> tuple[Extracted, str | None, str | None]:
    text = message.text or message.caption or ""
    if not text.strip():
        raise NoTextError(N_("The message has no text to store."))
    check_text_length(text, config.limits.max_text_chars)
    entities = post_entities(message.entities if message.text else message.caption_entities)
    origin = message.forward_origin
    source_url, source_title = forward_source(origin) if origin else (None, None)
    if origin is None:
        source_url, source_title = public_link, message.chat.title
    extracted = await asyncio.to_thread(
        extract_telegram_post,
        text,
        entities,
        message.date,
        forwarded_date=origin.date if origin else None,
    )
    return extracted, source_url, source_title


async def read_message(
    message: Message,
    config: Config,
    *,
    submitted_by: int | None = None,
    prefer_caption_to_unreadable_file: bool = False,
) -> tuple[Extracted, Origin]:
    """Extract the article ``message`` holds, and say where it came from.

    A document comes first (with ``prefer_caption_to_unreadable_file``, for channel posts, an
    unreadable file with a caption is read as a post instead of refused); then a forward or a
    channel post; then a text that is only a link; last, pasted text.

    Raises:
        IngestError, ExtractError, FetchError (:data:`REFUSALS`): with a message fit for the user.
    """
    is_private = message.chat.type == ChatType.PRIVATE
    public_link = None if is_private else post_link(message.chat.username, message.message_id)
    source_url, source_title = public_link, None
    document = message.document
    if document is not None and not (
        prefer_caption_to_unreadable_file
        and message.caption
        and not is_supported_document(document)
    ):
        extracted = await read_document(document, config.limits)
        source_url, kind = None, SourceKind.DOCUMENT
    elif message.forward_origin is not None or message.chat.type == ChatType.CHANNEL:
        extracted, source_url, source_title = await _read_post(message, config, public_link)
        kind = SourceKind.FORWARD if message.forward_origin else SourceKind.CHANNEL_POST
    elif (url := linked_url(message)) is not None:
        extracted, source_url = await read_url(url, config)
        kind = SourceKind.URL
    else:
        text = message.text or ""
        if not text.strip():
            raise NoTextError(N_("The message has no text to store."))
        check_text_length(text, config.limits.max_text_chars)
        extracted = await asyncio.to_thread(extract_text, text)
        kind = SourceKind.MESSAGE
    origin = Origin(
        chat_id=message.chat.id,
        message_id=message.message_id,
        submitted_by=submitted_by,
        source_url=source_url,
        source_title=source_title,
        kind=kind,
    )
    return extracted, origin


async def store_message(
    library: AsyncLibrary,
    config: Config,
    message: Message,
    *,
    metrics: BotMetrics,
    submitted_by: int | None = None,
    prefer_caption_to_unreadable_file: bool = False,
) -> AddResult:
    """Extract the article ``message`` holds and store it in the collection of its chat,
    counted in ``metrics`` by the way it came in.

    Raises:
        IngestError, ExtractError, FetchError (:data:`REFUSALS`): nothing was stored.
    """
    extracted, origin = await read_message(
        message,
        config,
        submitted_by=submitted_by,
        prefer_caption_to_unreadable_file=prefer_caption_to_unreadable_file,
    )
    return await store_article(library, extracted, origin, metrics=metrics)
