"""Why something sent to the bot cannot become an article; each message is fit for the user.

Extraction and fetching refuse with their own classes (``bot.extract.ExtractError``,
``bot.fetch.FetchError``); :data:`bot.intake.message.REFUSALS` names all three.
"""

from __future__ import annotations

from bot.i18n import LocalizedError

__all__ = [
    "DocumentTooLargeError",
    "EmptyDocumentError",
    "IngestError",
    "NoTextError",
    "TextTooLongError",
    "UnsupportedDocumentError",
]


class IngestError(LocalizedError):
    """Base class: the message cannot become an article; the message says why, in the
    reader's language on request (:meth:`bot.i18n.LocalizedError.in_language`)."""


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
