"""The result of extraction and the errors extraction can raise."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from bot.i18n import LocalizedError

#: Where a date came from; a feed item is dated by the feed, or by when it was first seen.
DateSource = Literal["header", "dateline", "html-meta", "url", "message", "feed", "first-seen"]
Format = Literal["text", "html", "telegram", "url", "feed"]


@dataclass(frozen=True, slots=True)
class Extracted:
    """What extraction found in one article.

    ``published`` is a ``date``, or a ``datetime`` when the source gives a time.
    ``lead_quote`` is None when the text holds no qualifying quotation: a quote is never invented.
    """

    headline: str
    published: dt.date | dt.datetime | None
    date_source: DateSource | None
    lead_quote: str | None
    quote_speaker: str | None
    lead: str
    body: str
    lang: str
    format: Format


class ExtractError(LocalizedError):
    """Base class: the input cannot be turned into an article; the message, in the reader's
    language on request (:meth:`bot.i18n.LocalizedError.in_language`), says why."""


class BinaryContentError(ExtractError):
    """The bytes are not text in any encoding we can recognise (an image, an archive...)."""


class EmptyArticleError(ExtractError):
    """After decoding and cleaning nothing readable is left."""
