"""A Telegram document (a .txt, .md, .html or .htm file) to an extracted article.

The declared size is checked before the file is downloaded (``getFile`` serves at most 20 MB,
and ``[limits] max_document_bytes`` is lower), the real size after; decoding and extraction run
off the event loop.
"""

from __future__ import annotations

import asyncio
import io
from pathlib import PurePosixPath

from telegram import Document

from bot.config import LimitsConfig
from bot.extract import Extracted, extract_bytes
from bot.i18n import N_
from bot.intake.article import check_text_length
from bot.intake.errors import DocumentTooLargeError, EmptyDocumentError, UnsupportedDocumentError

__all__ = ["DOCUMENT_SUFFIXES", "is_supported_document", "read_document"]

DOCUMENT_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm"})
_DOCUMENT_MIME_TYPES = frozenset({"text/plain", "text/markdown", "text/html"})


def is_supported_document(document: Document) -> bool:
    """A .txt/.md/.html/.htm file, by its name or, lacking a known suffix, its MIME type."""
    suffix = PurePosixPath((document.file_name or "").lower()).suffix
    return suffix in DOCUMENT_SUFFIXES or (document.mime_type or "") in _DOCUMENT_MIME_TYPES


async def read_document(document: Document, limits: LimitsConfig) -> Extracted:
    """Download ``document`` and extract the article it holds.

    Raises:
        UnsupportedDocumentError, DocumentTooLargeError, EmptyDocumentError, TextTooLongError,
        ExtractError: each with a message fit for the user.
    """
    limit = limits.max_document_bytes
    name = document.file_name or "the file"
    too_large = DocumentTooLargeError(
        N_(
            "{name} is larger than {megabytes} MB, the most I read. "
            "Send a shorter file or paste the article's text."
        ),
        name=name,
        megabytes=limit / 1_000_000,
    )
    if not is_supported_document(document):
        raise UnsupportedDocumentError(
            N_(
                "I cannot read {name}: send a .txt, .md, .html or .htm file, "
                "or paste the article's text."
            ),
            name=name,
        )
    if document.file_size is not None and document.file_size > limit:
        raise too_large
    if document.file_size == 0:
        raise EmptyDocumentError(N_("{name} is empty."), name=name)
    file = await document.get_file()
    buffer = io.BytesIO()
    await file.download_to_memory(buffer)
    data = buffer.getvalue()
    if len(data) > limit:
        raise too_large
    if not data:
        raise EmptyDocumentError(N_("{name} is empty."), name=name)
    extracted = await asyncio.to_thread(
        extract_bytes, data, filename=document.file_name, content_type=document.mime_type
    )
    check_text_length(extracted.body, limits.max_text_chars)
    return extracted
