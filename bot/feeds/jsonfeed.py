"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) -> :class:`ParsedFeed`.

A reader of our own: feedparser 6 reads no JSON, and the one maintained package
(``jsonfeed-util``) only mirrors the JSON in classes, which would still need every mapping done
here. Leniency follows the spec's own advice and what publishers do: numeric ids are accepted,
1.0's ``author`` is read when 1.1's ``authors`` is absent, a feed without ``version`` is read
when it has ``items`` (noted as malformed), and items that are not objects are skipped.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from bot.feeds.dates import parse_feed_date
from bot.feeds.model import BodySource, FeedItem, NotAFeedError, ParsedFeed
from bot.feeds.text import html_to_text, plain_text
from bot.feeds.urls import resolve_link
from bot.i18n import N_

__all__ = ["read_json_feed"]

_VERSION_PREFIX = "https://jsonfeed.org/version/"
# Some publishers write the version URL with http: the same version.
_VERSION_PREFIXES = (_VERSION_PREFIX, "http://jsonfeed.org/version/")
_FORMATS = {"1": "json10", "1.1": "json11"}


def _decode(body: bytes, charset: str | None) -> Any:
    try:
        text = body.decode(json.detect_encoding(body))  # UTF-8/16/32, byte-order mark or not
    except UnicodeDecodeError:
        if not charset:
            raise NotAFeedError(N_("The JSON document is not valid UTF-8.")) from None
        text = body.decode(charset, errors="replace")
    try:
        # Raw control characters inside strings are invalid but frequent: accepted.
        return json.loads(text, strict=False)
    except json.JSONDecodeError as error:
        raise NotAFeedError(
            N_(
                "The document is not valid JSON (line {line}, column {column}: {reason}), "
                "so it is not a JSON Feed."
            ),
            line=error.lineno,
            column=error.colno,
            reason=error.msg,
        ) from None
    except RecursionError:
        raise NotAFeedError(N_("The JSON document is nested too deeply to be a feed.")) from None


def _string(value: object) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    return (value.strip() or None) if isinstance(value, str) else None


def _title(value: object) -> str | None:
    """Titles are plain text by the spec, but publishers converting from RSS leave entities
    and tags in them; they are read as HTML like RSS titles."""
    text = _string(value)
    return (html_to_text(text) or None) if text else None


def _author_name(container: Mapping[str, Any]) -> str | None:
    authors = container.get("authors")
    candidates = list(authors) if isinstance(authors, list) else []
    candidates.append(container.get("author"))
    for author in candidates:
        if isinstance(author, Mapping):
            name = _string(author.get("name"))
            if name:
                return plain_text(name)
    return None


def _body(item: Mapping[str, Any]) -> tuple[str, BodySource]:
    html = _string(item.get("content_html"))
    text = html_to_text(html) if html else plain_text(_string(item.get("content_text")) or "")
    if text:
        return text, "content"
    summary = plain_text(_string(item.get("summary")) or "")
    return (summary, "summary") if summary else ("", "none")


def _item(item: Mapping[str, Any], base: str | None, feed_author: str | None) -> FeedItem:
    body, source = _body(item)
    published = parse_feed_date(_string(item.get("date_published"))) or parse_feed_date(
        _string(item.get("date_modified"))
    )
    return FeedItem(
        guid=_string(item.get("id")),
        link=resolve_link(_string(item.get("url")) or _string(item.get("external_url")), base),
        title=_title(item.get("title")),
        published=published,
        body=body,
        body_source=source,
        author=_author_name(item) or feed_author,
    )


def _format_and_note(document: Mapping[str, Any]) -> tuple[str, str | None]:
    version = _string(document.get("version")) or ""
    for prefix in _VERSION_PREFIXES:
        if version.startswith(prefix):
            return _FORMATS.get(version.removeprefix(prefix).strip("/"), "json"), None
    return "json", "a JSON Feed without its version URL"


def read_json_feed(body: bytes, *, charset: str | None, url: str | None) -> ParsedFeed:
    """Parse a JSON Feed document.

    Raises:
        NotAFeedError: not JSON, or JSON that is not a feed (no ``items`` list).
    """
    document = _decode(body, charset)
    if not isinstance(document, Mapping) or not isinstance(document.get("items"), list):
        raise NotAFeedError(
            N_(
                "The document is JSON but not a JSON Feed: it has no list of items "
                '(a JSON Feed starts with "version": "{version}").'
            ),
            version=_VERSION_PREFIX + "1.1",
        )
    feed_format, note = _format_and_note(document)
    feed_author = _author_name(document)
    raw_items: list[object] = document["items"]
    items = tuple(_item(item, url, feed_author) for item in raw_items if isinstance(item, Mapping))
    skipped = len(raw_items) - len(items)
    if skipped:
        notes = [note] if note else []
        note = "; ".join([*notes, f"{skipped} item(s) were not objects and were skipped"])
    return ParsedFeed(
        format=feed_format,
        title=_title(document.get("title")),
        site_link=resolve_link(_string(document.get("home_page_url")), url),
        ttl=None,
        items=items,
        bozo=note,
    )
