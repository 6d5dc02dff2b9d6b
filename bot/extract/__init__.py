"""Extraction: bytes, text, HTML or Telegram posts -> ``Extracted`` (pure, no I/O but files).

The entry points pick the extractor by what the input is: ``extract_bytes`` decodes and sniffs
(HTML, one Telegram export message as JSON, or plain text), ``extract_file`` reads a file and
does the same. Every failure is an ``ExtractError`` subclass whose message can be shown to the
user as it is.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from bot.extract.decode import decode_bytes
from bot.extract.html import HtmlParseError, extract_html
from bot.extract.markup import is_marked_up_text, markup_to_text
from bot.extract.model import (
    BinaryContentError,
    EmptyArticleError,
    Extracted,
    ExtractError,
)
from bot.extract.telegram import extract_export_message
from bot.extract.text import extract_text
from bot.i18n import N_

__all__ = [
    "ArticleFileError",
    "BinaryContentError",
    "ChatExportError",
    "EmptyArticleError",
    "ExtractError",
    "Extracted",
    "ForeignJsonError",
    "content_hash",
    "extract_bytes",
    "extract_file",
    "extract_html",
    "extract_text",
    "looks_like_html",
]

_HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
_HTML_SNIFF_CHARS = 2048
_HTML_DOCUMENT = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<meta\s", re.IGNORECASE)
_HTML_TAGS = re.compile(r"<(?:p|div|br|span|a\s+href|article|section|h[1-6])[\s/>]", re.IGNORECASE)
_MIN_HTML_TAGS = 3


class ArticleFileError(ExtractError):
    """The file cannot be read (missing, a directory, no permission)."""


class ChatExportError(ExtractError):
    """A whole Telegram chat export was given where one article was expected."""


class ForeignJsonError(ExtractError):
    """A ``.json`` file that is neither one Telegram export message nor a whole chat export."""


def looks_like_html(text: str) -> bool:
    """True for an HTML document or fragment (not for SGML records with upper-case tags)."""
    head = text.lstrip()[:_HTML_SNIFF_CHARS]
    if _HTML_DOCUMENT.search(head):
        return True
    return len(_HTML_TAGS.findall(head)) >= _MIN_HTML_TAGS


def _telegram_message(text: str) -> dict[str, Any] | None:
    """The message object when ``text`` is one Telegram Desktop export message as JSON."""
    if not text.lstrip().startswith("{"):
        return None
    try:
        obj = json.loads(text)
    except ValueError:
        return None
    if not isinstance(obj, dict):
        return None
    if isinstance(obj.get("messages"), list):
        raise ChatExportError(
            N_(
                "This is a whole chat export (result.json): import it with `digest-bot ingest` "
                "or the /import command instead of sending it as one article."
            )
        )
    if obj.get("type") == "message" and "text" in obj:
        return obj
    return None


def extract_bytes(
    data: bytes,
    *,
    filename: str | None = None,
    content_type: str | None = None,
    url: str | None = None,
) -> Extracted:
    """Decode ``data`` and extract it as HTML, a Telegram export message or plain text.

    HTML is chosen by the file name (.html/.htm), the content type, or by sniffing the text;
    a text that opens with plain lines over a marked-up body (a dataset's title, date and page
    fragment) is read as text once its markup is turned into paragraphs, and so is sniffed
    "HTML" that has no document structure after all. A JSON object that is one Telegram export
    message goes to the Telegram extractor.

    Raises:
        BinaryContentError: the bytes are not text.
        ChatExportError: the JSON is a whole chat export, not one message.
        ForeignJsonError: a ``.json`` file that is neither.
        EmptyArticleError: nothing readable is left.
    """
    text = decode_bytes(data)
    name = (filename or "").lower()
    kind = (content_type or "").lower()
    declared_html = name.endswith(_HTML_EXTENSIONS) or "html" in kind
    if not declared_html and is_marked_up_text(text):
        return extract_text(markup_to_text(text), url=url)
    if declared_html or looks_like_html(text):
        try:
            return extract_html(text, url=url)
        except HtmlParseError:
            if declared_html:
                raise
            return extract_text(markup_to_text(text), url=url)
    if name.endswith(".json") or "json" in kind or not name:
        message = _telegram_message(text)
        if message is not None:
            return extract_export_message(message)
        if name.endswith(".json"):
            raise ForeignJsonError(
                f"{filename} is JSON but not a Telegram message (an object with "
                '"type": "message" and "text", as in an export\'s messages) nor a chat export.'
            )
    return extract_text(text, url=url)


def extract_file(path: str | Path) -> Extracted:
    """Read the file at ``path`` and extract it like ``extract_bytes`` (by name and content).

    Raises:
        ArticleFileError: the file cannot be read.
    """
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ArticleFileError(f"Cannot read {file}: {reason}.") from error
    return extract_bytes(data, filename=file.name)


def content_hash(article: Extracted | str) -> str:
    """SHA-256 (hex) of the article's normalised headline and body: NFKC, case-folded, white
    space collapsed.

    The same article sent twice, or re-pasted with different spacing or line breaks, gets the
    same hash; storage uses it to store an article once per collection. The headline counts too:
    a one-line post is all headline and no body, and two such posts must not collide.
    """
    text = f"{article.headline}\n{article.body}" if isinstance(article, Extracted) else article
    # split() and strip() take the same white space as the regular expression \s (str.isspace);
    # joining the split words is the same text as collapsing each run, at a third of the cost.
    normalised = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()
