"""Machine metadata of an HTML page: titles, site name and publication dates, read in one pass.

Reads ``<meta>`` (OpenGraph, Dublin Core, ``itemprop``, the many vendor names for the
publication date), ``<title>``, JSON-LD scripts, and ``<time>``/``itemprop`` elements from the
tree already parsed for trafilatura, so no second parse of the page is needed.

Modified/updated/expiry dates are never collected: only publication (or creation) dates.
A date name that occurs with several different values (pages that annotate every teaser with
its own ``datePublished``) says nothing about this article and is dropped.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement

from bot.extract.dates import parse_date

__all__ = ["PageMetadata", "date_from_value", "read_page_metadata"]

# Lower-cased meta names/properties/itemprops that carry the publication date, most trusted first.
_PUBLISHED_NAMES: tuple[str, ...] = (
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "og:published_time",
    "datepublished",
    "dc.date.issued",
    "dcterms.issued",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "pub_date",
    "pubdate",
    "item-publish-date",
    "article_date_original",
    "originalpublicationdate",
    "parsely-pub-date",
    "sailthru.date",
    "displaydate",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "datecreated",
    "date",
)
_PUBLISHED_RANK = {name: rank for rank, name in enumerate(_PUBLISHED_NAMES)}
_ARTICLE_TYPES = re.compile(r"article|posting|report|story", re.IGNORECASE)
_PUBLISHED_CLASS = re.compile(r"publish|entry-date|created", re.IGNORECASE)
_NOT_PUBLISHED_CLASS = re.compile(r"updat|modif", re.IGNORECASE)


@dataclass(slots=True)
class PageMetadata:
    """What the page says about itself in machine-readable form."""

    og_title: str | None = None
    twitter_title: str | None = None
    html_title: str | None = None
    jsonld_headline: str | None = None
    site_name: str | None = None
    canonical_url: str | None = None
    # (rank, date): lower rank = more trusted source.
    published: list[tuple[int, dt.date]] = field(default_factory=list)

    def metadata_titles(self) -> list[str]:
        """Metadata titles, the most trusted first."""
        found = (self.og_title, self.jsonld_headline, self.twitter_title, self.html_title)
        return [title for title in found if title]

    def published_date(self) -> dt.date | None:
        """The most trusted publication date the metadata gives, or None."""
        if not self.published:
            return None
        return min(self.published, key=lambda item: item[0])[1]


def date_from_value(value: str) -> dt.date | None:
    """The calendar date in a metadata value, as written: no time-zone conversion."""
    found = parse_date(value)
    if isinstance(found, dt.datetime):
        return found.date()
    return found


def _jsonld_objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _jsonld_objects(item)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _jsonld_objects(graph)


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return html.unescape(value.strip())
    return None


def _read_jsonld(script_text: str, meta: PageMetadata, dates: dict[str, set[dt.date]]) -> None:
    try:
        data = json.loads(script_text)
    except ValueError:
        return
    for obj in _jsonld_objects(data):
        kind = obj.get("@type")
        kinds = " ".join(kind) if isinstance(kind, list) else str(kind or "")
        if not _ARTICLE_TYPES.search(kinds):
            continue
        headline = _text(obj.get("headline"))
        if headline and meta.jsonld_headline is None:
            meta.jsonld_headline = headline
        for key in ("datePublished", "dateCreated"):
            value = _text(obj.get(key))
            found = date_from_value(value) if value else None
            if found is not None:
                dates.setdefault(key.lower(), set()).add(found)


def _add_date(dates: dict[str, set[dt.date]], name: str, value: str | None) -> None:
    if name in _PUBLISHED_RANK and value:
        found = date_from_value(value)
        if found is not None:
            dates.setdefault(name, set()).add(found)


def _time_element_date(element: HtmlElement) -> dt.date | None:
    css = element.get("class", "")
    is_published = element.get("pubdate") is not None or _PUBLISHED_CLASS.search(css)
    if not is_published or _NOT_PUBLISHED_CLASS.search(css):
        return None
    value = element.get("datetime") or element.text_content()
    return date_from_value(value) if value else None


def read_page_metadata(tree: HtmlElement) -> PageMetadata:
    """Collect titles, site name and publication dates from a parsed page."""
    meta = PageMetadata()
    dates: dict[str, set[dt.date]] = {}
    for element in tree.iter("meta", "title", "script", "time", "link"):
        tag = element.tag
        if tag == "meta":
            key = (element.get("property") or element.get("name") or "").strip().lower()
            itemprop = (element.get("itemprop") or "").strip().lower()
            content = element.get("content")
            if not content:
                continue
            if key == "og:title" and meta.og_title is None:
                meta.og_title = content
            elif key == "twitter:title" and meta.twitter_title is None:
                meta.twitter_title = content
            elif key in {"og:site_name", "application-name"} and meta.site_name is None:
                meta.site_name = content
            elif key == "og:url" and meta.canonical_url is None:
                meta.canonical_url = content
            _add_date(dates, key, content)
            _add_date(dates, itemprop, content)
        elif tag == "title" and meta.html_title is None:
            meta.html_title = element.text_content()
        elif tag == "link" and element.get("rel") == "canonical" and meta.canonical_url is None:
            meta.canonical_url = element.get("href")
        elif tag == "script" and element.get("type") == "application/ld+json":
            _read_jsonld(element.text or "", meta, dates)
        elif tag == "time":
            found = _time_element_date(element)
            if found is not None:
                dates.setdefault("pubdate", set()).add(found)
    for element in tree.xpath('//*[@itemprop="datePublished"][not(self::meta)]'):
        value = element.get("content") or element.get("datetime") or element.text_content()
        _add_date(dates, "datepublished", value)
    meta.published = [
        (_PUBLISHED_RANK[name], next(iter(found)))
        for name, found in dates.items()
        if len(found) == 1 and name in _PUBLISHED_RANK
    ]
    return meta
