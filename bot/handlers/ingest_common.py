"""From one Telegram message to an extracted article and where it came from (DESIGN §4).

What a message holds decides the way in: a document is downloaded (after its declared size is
checked) and decoded; a forward or a channel post is a Telegram post (text plus entities, the
original post's date as the fallback publication date); a message that is only a link is
fetched with :mod:`bot.fetch`; any other text is a pasted article. Extraction and decoding run
off the event loop. Every refusal is an exception whose message can be shown to the user:
:class:`IngestError` here, ``ExtractError`` from extraction, ``FetchError`` from fetching.
"""

from __future__ import annotations

import asyncio
import dataclasses
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from telegram import (
    Document,
    Message,
    MessageEntity,
    MessageOrigin,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
)
from telegram.constants import ChatType, MessageEntityType

from bot.articles import post_link
from bot.config import Config
from bot.extract import Extracted, extract_bytes, extract_text
from bot.extract.telegram import PostEntity, extract_telegram_post
from bot.fetch import fetch_url

__all__ = [
    "DOCUMENT_SUFFIXES",
    "DocumentTooLargeError",
    "EmptyDocumentError",
    "IngestError",
    "NoTextError",
    "Prepared",
    "TextTooLongError",
    "UnsupportedDocumentError",
    "forward_source",
    "is_bare_url",
    "is_supported_document",
    "linked_url",
    "post_entities",
    "prepare_article",
]

DOCUMENT_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm"})
_DOCUMENT_MIME_TYPES = frozenset({"text/plain", "text/markdown", "text/html"})
_URL_ONLY = re.compile(r"https?://\S+", re.IGNORECASE)
_HAS_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


class IngestError(Exception):
    """Base class: the message cannot become an article; the message says why."""


class UnsupportedDocumentError(IngestError):
    """The document is not a .txt, .md, .html or .htm file."""


class DocumentTooLargeError(IngestError):
    """The document is bigger than ``[limits] max_document_bytes``."""


class EmptyDocumentError(IngestError):
    """The document has no bytes."""


class TextTooLongError(IngestError):
    """The article text is longer than ``[limits] max_text_chars``."""


class NoTextError(IngestError):
    """The message has neither text, caption nor a readable document."""


@dataclass(frozen=True, slots=True)
class Prepared:
    """An extracted article with its public link and source name (see ``bot.articles``)."""

    extracted: Extracted
    source_url: str | None
    source_title: str | None


def is_bare_url(text: str) -> bool:
    """Whether ``text`` (stripped) is one ``http(s)://`` address and nothing else."""
    return _URL_ONLY.fullmatch(text.strip()) is not None


def linked_url(message: Message) -> str | None:
    """The URL when the whole text of ``message`` is one link, else None.

    Telegram marks links without a scheme too (``example.com/news``): those get ``http://``,
    as Telegram's apps open them. A ``text_link`` gives its hidden target.
    """
    text = (message.text or "").strip()
    if not text:
        return None
    url: str | None = None
    links = message.parse_entities([MessageEntityType.URL, MessageEntityType.TEXT_LINK])
    for entity, shown in links.items():
        if shown.strip() == text:
            url = entity.url if entity.type == MessageEntityType.TEXT_LINK else text
            break
    if url is None and is_bare_url(text):
        url = text
    if url is not None and not _HAS_SCHEME.match(url):
        url = "http://" + url
    return url


def is_supported_document(document: Document) -> bool:
    """A .txt/.md/.html/.htm file, by its name or, lacking a known suffix, its MIME type."""
    suffix = PurePosixPath((document.file_name or "").lower()).suffix
    return suffix in DOCUMENT_SUFFIXES or (document.mime_type or "") in _DOCUMENT_MIME_TYPES


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


def _check_length(text: str, config: Config) -> None:
    limit = config.limits.max_text_chars
    if len(text) > limit:
        raise TextTooLongError(
            f"The text has {len(text):,} characters; the most I store is {limit:,}."
        )


async def _from_document(document: Document, config: Config) -> Prepared:
    limit = config.limits.max_document_bytes
    name = document.file_name or "the file"
    too_large = DocumentTooLargeError(
        f"{name} is larger than {limit / 1_000_000:g} MB, the most I read. "
        "Send a shorter file or paste the article's text."
    )
    if not is_supported_document(document):
        raise UnsupportedDocumentError(
            f"I cannot read {name}: send a .txt, .md, .html or .htm file, "
            "or paste the article's text."
        )
    if document.file_size is not None and document.file_size > limit:
        raise too_large
    if document.file_size == 0:
        raise EmptyDocumentError(f"{name} is empty.")
    file = await document.get_file()
    buffer = io.BytesIO()
    await file.download_to_memory(buffer)
    data = buffer.getvalue()
    if len(data) > limit:
        raise too_large
    if not data:
        raise EmptyDocumentError(f"{name} is empty.")
    extracted = await asyncio.to_thread(
        extract_bytes, data, filename=document.file_name, content_type=document.mime_type
    )
    _check_length(extracted.body, config)
    return Prepared(extracted, source_url=None, source_title=None)


async def _from_url(url: str, config: Config) -> Prepared:
    page = await fetch_url(
        url,
        timeout_s=config.fetch.timeout_s,
        max_bytes=config.fetch.max_bytes,
        allow_private=config.fetch.allow_private,
    )
    extracted = await asyncio.to_thread(
        extract_bytes, page.body, content_type=page.content_type, url=page.final_url
    )
    _check_length(extracted.body, config)
    return Prepared(dataclasses.replace(extracted, format="url"), page.final_url, None)


async def _from_post(message: Message, config: Config, public_link: str | None) -> Prepared:
    text = message.text or message.caption or ""
    if not text.strip():
        raise NoTextError("The message has no text to store.")
    _check_length(text, config)
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
    return Prepared(extracted, source_url, source_title)


async def prepare_article(
    message: Message, config: Config, *, prefer_caption_to_unreadable_file: bool = False
) -> Prepared:
    """Extract the article ``message`` holds.

    A document comes first (with ``prefer_caption_to_unreadable_file``, for channel posts, an
    unreadable file with a caption is read as a post instead of refused); then a forward or a
    channel post; then a text that is only a link; last, pasted text.

    Raises:
        IngestError, ExtractError, FetchError: each with a message fit for the user.
    """
    is_private = message.chat.type == ChatType.PRIVATE
    public_link = None if is_private else post_link(message.chat.username, message.message_id)
    document = message.document
    if document is not None and not (
        prefer_caption_to_unreadable_file
        and message.caption
        and not is_supported_document(document)
    ):
        return await _from_document(document, config)
    if message.forward_origin is not None or message.chat.type == ChatType.CHANNEL:
        return await _from_post(message, config, public_link)
    url = linked_url(message)
    if url is not None:
        return await _from_url(url, config)
    text = message.text or ""
    if not text.strip():
        raise NoTextError("The message has no text to store.")
    _check_length(text, config)
    extracted = await asyncio.to_thread(extract_text, text)
    return Prepared(extracted, source_url=public_link, source_title=None)
