"""What a fetched document is (XML feed, JSON, web page, anything else) and how it is encoded.

Run before any parser, on the first 64 KiB only, so that a 10 MB body of garbage is refused at
once and an XML document declaring entities never reaches an XML parser: a ``<!ENTITY …>`` in
the prolog is how both the "billion laughs" expansion and external-entity file reads begin, and
real feeds do not need one (feedparser would drop most of them anyway).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from email.message import Message
from typing import Literal

from charset_normalizer import from_bytes

from bot.feeds.model import ENTITY_DECLARATION, NotAFeedError, UnsafeFeedError
from bot.i18n import N_

__all__ = ["Sniffed", "declared_charset", "sniff_document"]

_HEAD_BYTES = 65_536
_CHARSET_SAMPLE_BYTES = 262_144

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# "<?" or "{" in UTF-16/32 without a byte-order mark.
_WIDE_STARTS: tuple[tuple[bytes, str], ...] = (
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00?\x00", "utf-16-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"{\x00", "utf-16-le"),
    (b"\x00{", "utf-16-be"),
)
_FEED_ROOTS = frozenset({"rss", "feed", "rdf", "channel"})
_PAGE_ELEMENTS = frozenset({"html", "head", "body"})
_ELEMENT_START = re.compile(r"<([A-Za-z_][\w.:-]*)")
_HTML_DOCTYPE = re.compile(r"<!doctype\s+html", re.IGNORECASE)
_ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.IGNORECASE)
_XML_ENCODING = re.compile(r"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']""")


@dataclass(frozen=True, slots=True)
class Sniffed:
    """The document's kind and the charset to decode it with (None: its own declaration, a
    byte-order mark or UTF-8 decide)."""

    kind: Literal["xml", "json"]
    charset: str | None


def declared_charset(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a ``Content-Type`` header, if it names a known codec."""
    if not content_type:
        return None
    message = Message()
    message["content-type"] = content_type
    charset = message.get_param("charset")
    if not isinstance(charset, str) or not charset.strip():
        return None
    try:
        return codecs.lookup(charset.strip().strip("'\"")).name
    except LookupError:
        return None


def _head_encodings(head: bytes, declared: str | None) -> list[str]:
    """Codecs to read the head with, most specific first; latin-1 reads any ASCII-compatible
    encoding well enough to see the markup."""
    candidates = [name for bom, name in _BOMS if head.startswith(bom)]
    candidates += [name for start, name in _WIDE_STARTS if head.startswith(start)]
    if declared:
        candidates.append(declared)
    candidates.append("latin-1")
    return candidates


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _refusal(content_type: str | None, looks_like_html: bool) -> NotAFeedError:
    if looks_like_html:
        return NotAFeedError(
            "The address is a web page, not a feed (RSS, Atom or JSON Feed). Send the link "
            "of the site's feed instead.",
            looks_like_html=True,
        )
    media = _media_type(content_type)
    served = f" (it serves {media})" if media else ""
    return NotAFeedError(
        f"The address does not give a feed{served}: it is neither RSS, Atom nor JSON Feed. "
        "Check the link; a site's feed is often at /feed, /rss or /atom.xml."
    )


def _classify(text: str) -> Literal["xml", "json", "html"] | None:
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        return "json"
    html_doctype = _HTML_DOCTYPE.search(text)
    for match in _ELEMENT_START.finditer(text):
        if html_doctype and html_doctype.start() < match.start():
            return "html"
        local = match.group(1).rsplit(":", 1)[-1].lower()
        if local in _FEED_ROOTS:
            return "xml"
        if local in _PAGE_ELEMENTS:
            return "html"
    return "html" if html_doctype else None


def _refuse_entity_declarations(text: str) -> None:
    first_element = _ELEMENT_START.search(text)
    prolog = text[: first_element.start()] if first_element else text
    if _ENTITY_DECLARATION.search(prolog):
        raise UnsafeFeedError(
            N_(
                "The feed declares XML entities ({declaration}), which can make a reader expand it "
                "without end or read local files; it is refused for safety. Ask the publisher for "
                "a feed without a DOCTYPE entity section."
            ),
            declaration=ENTITY_DECLARATION,
        )


def _xml_declared_encoding(head_text: str) -> str | None:
    match = _XML_ENCODING.match(head_text)
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(1)).name
    except LookupError:
        return None


def _decodes(body: bytes, encoding: str) -> bool:
    try:
        body.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _xml_charset(body: bytes, head_text: str, declared: str | None) -> str | None:
    """The charset to hand feedparser: the declared one (header, else the XML declaration,
    else UTF-8) when the bytes decode with it; a guess from the bytes when they do not, as when
    a cp1251 feed calls itself UTF-8."""
    if any(body.startswith(bom) for bom, _ in _BOMS):
        return declared
    if _decodes(body, declared or _xml_declared_encoding(head_text) or "utf-8"):
        return declared
    guess = from_bytes(body[:_CHARSET_SAMPLE_BYTES]).best()
    return guess.encoding if guess is not None else declared


def sniff_document(body: bytes, content_type: str | None) -> Sniffed:
    """Decide how to read ``body``.

    Raises:
        NotAFeedError: empty, binary, a web page (``looks_like_html``) or any other document.
        UnsafeFeedError: XML whose prolog declares entities.
    """
    if not body.strip():
        raise NotAFeedError(N_("The address answered with an empty document, not a feed."))
    head = body[:_HEAD_BYTES]
    declared = declared_charset(content_type)
    saw_html = False
    for encoding in _head_encodings(head, declared):
        text = head.decode(encoding, errors="replace")
        kind = _classify(text)
        if kind == "json":
            return Sniffed("json", declared)
        if kind == "xml":
            _refuse_entity_declarations(text)
            return Sniffed("xml", _xml_charset(body, text, declared))
        saw_html = saw_html or kind == "html"
    raise _refusal(content_type, saw_html)
