"""RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 through feedparser -> :class:`ParsedFeed`.

feedparser is given the body as bytes (a string could make it open a URL or a file) with a
``Content-Type`` of ``application/xml`` carrying the charset :mod:`bot.feeds.sniff` chose, and
the feed's URL as ``Content-Location`` so relative links resolve. Its HTML sanitiser is off: every
field is turned into plain text here, so no markup survives anyway.
"""

from __future__ import annotations

import datetime as dt
import io
import xml.sax
from collections.abc import Mapping
from typing import Any

import feedparser  # type: ignore[import-untyped]

from bot.feeds.dates import parse_feed_date
from bot.feeds.model import BodySource, FeedItem, NotAFeedError, ParsedFeed
from bot.feeds.text import html_to_text, plain_text
from bot.feeds.urls import resolve_link
from bot.i18n import N_

__all__ = ["read_xml_feed"]

_MARKUP_TYPES = ("html", "xml")  # text/html, application/xhtml+xml
_TEXT_TYPES = ("text/", "application/xhtml")


def _text(value: object, detail: object = None) -> str:
    """A feed field as plain text, read as HTML unless declared as plain text."""
    if not isinstance(value, str):
        return ""
    declared = detail.get("type", "") if isinstance(detail, Mapping) else ""
    if declared and not any(kind in str(declared) for kind in _MARKUP_TYPES):
        return plain_text(value)
    return html_to_text(value)


def _optional_text(value: object, detail: object = None) -> str | None:
    return _text(value, detail) or None


def _body(entry: Mapping[str, Any]) -> tuple[str, BodySource]:
    for content in entry.get("content") or ():
        declared = str(content.get("type") or "text/html")
        if declared.startswith(_TEXT_TYPES):
            text = _text(content.get("value"), content)
            if text:
                return text, "content"
    summary = _text(entry.get("summary"), entry.get("summary_detail"))
    return (summary, "summary") if summary else ("", "none")


def _author(entry: Mapping[str, Any]) -> str | None:
    detail = entry.get("author_detail")
    name = detail.get("name") if isinstance(detail, Mapping) else None
    return _optional_text(name or entry.get("author"))


def _published(entry: Mapping[str, Any]) -> dt.datetime | None:
    for field in ("published", "updated", "created"):
        value = parse_feed_date(entry.get(field), entry.get(f"{field}_parsed"))
        if value is not None:
            return value
    return None


def _item(entry: Mapping[str, Any], base: str | None) -> FeedItem:
    body, source = _body(entry)
    guid = entry.get("id")
    return FeedItem(
        guid=(guid.strip() or None) if isinstance(guid, str) else None,
        link=resolve_link(entry.get("link"), base),
        title=_optional_text(entry.get("title"), entry.get("title_detail")),
        published=_published(entry),
        body=body,
        body_source=source,
        author=_author(entry),
    )


def _bozo_note(exception: object) -> str:
    if isinstance(exception, xml.sax.SAXParseException):
        return (
            f"malformed XML at line {exception.getLineNumber()}, column "
            f"{exception.getColumnNumber()}: {exception.getMessage()}"
        )
    if isinstance(exception, feedparser.CharacterEncodingOverride):
        return f"wrong character encoding declared: {exception}"
    return str(exception) or type(exception).__name__


def _ttl(value: object) -> dt.timedelta | None:
    text = str(value or "").strip()
    if not text.isdigit() or int(text) == 0:
        return None
    return dt.timedelta(minutes=min(int(text), 60 * 24 * 365))


def read_xml_feed(body: bytes, *, charset: str | None, url: str | None) -> ParsedFeed:
    """Parse an RSS or Atom document, as far as it goes when it is malformed.

    Raises:
        NotAFeedError: feedparser found no feed in it, or nothing readable before the damage.
    """
    headers = {"content-type": "application/xml" + (f"; charset={charset}" if charset else "")}
    if url:
        headers["content-location"] = url
    result = feedparser.parse(
        io.BytesIO(body), response_headers=headers, sanitize_html=False, resolve_relative_uris=False
    )
    feed: Mapping[str, Any] = result.get("feed") or {}
    entries: list[Mapping[str, Any]] = list(result.get("entries") or ())
    title = _optional_text(feed.get("title"), feed.get("title_detail"))
    note = _bozo_note(result.get("bozo_exception")) if result.get("bozo") else None
    if not entries and not title and (note or not result.get("version")):
        if note is None:
            raise NotAFeedError(
                N_(
                    "The feed cannot be read (no channel, title or item was found). "
                    "Check the link of the feed."
                )
            )
        raise NotAFeedError(
            N_("The feed cannot be read ({reason}). Check the link of the feed."), reason=note
        )
    return ParsedFeed(
        format=str(result.get("version") or "unknown"),
        title=title,
        site_link=resolve_link(feed.get("link"), url),
        ttl=_ttl(feed.get("ttl")),
        items=tuple(_item(entry, url) for entry in entries),
        bozo=note,
    )
