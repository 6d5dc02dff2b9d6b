"""Feed autodiscovery: the feeds a web page announces in its ``<head>``.

``<link rel="alternate" type="application/rss+xml" href="/feed">`` (and Atom, JSON Feed, RSS
1.0's RDF) is how a site names its feeds. Links are resolved against ``<base href>`` when the
page sets one, else against the page's URL. JSON Feed's spec asks readers to prefer
``application/feed+json`` and to use plain ``application/json`` only as a fallback, so those
come last.
"""

from __future__ import annotations

from html.parser import HTMLParser

from bot.feeds.model import DiscoveredFeed
from bot.feeds.sniff import declared_charset
from bot.feeds.urls import resolve_link

__all__ = ["FEED_LINK_TYPES", "discover_feeds"]

#: Link types that announce a feed, in no particular order.
FEED_LINK_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
        "application/rdf+xml",
        "application/json",
    }
)
_FALLBACK_TYPE = "application/json"
_MAX_SCAN_BYTES = 1_048_576  # links live in the head; a megabyte is far past any real one
_CHUNK_CHARS = 16_384  # fed piece by piece so that reading stops at <body>


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base: str | None = None
        self.links: list[tuple[str, str, str | None]] = []
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        values = {name.lower(): (value or "") for name, value in attrs}
        if tag == "base" and self.base is None and values.get("href"):
            self.base = values["href"]
        elif tag == "link":
            rels = values.get("rel", "").lower().split()
            link_type = values.get("type", "").split(";", 1)[0].strip().lower()
            href = values.get("href", "").strip()
            if "alternate" in rels and link_type in FEED_LINK_TYPES and href:
                self.links.append((href, link_type, values.get("title", "").strip() or None))
        elif tag == "body":
            self.done = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def discover_feeds(
    page: bytes, *, page_url: str, content_type: str | None = None
) -> list[DiscoveredFeed]:
    """The feeds ``page`` announces, absolute and without duplicates, in page order (plain
    ``application/json`` links last). Empty when it announces none."""
    charset = declared_charset(content_type) or "utf-8"
    text = page[:_MAX_SCAN_BYTES].decode(charset, errors="replace")
    collector = _LinkCollector()
    for start in range(0, len(text), _CHUNK_CHARS):
        collector.feed(text[start : start + _CHUNK_CHARS])
        if collector.done:
            break
    collector.close()
    base = resolve_link(collector.base, page_url) or page_url
    found: list[DiscoveredFeed] = []
    seen: set[str] = set()
    for href, link_type, title in collector.links:
        url = resolve_link(href, base)
        if url is not None and url not in seen:
            seen.add(url)
            found.append(DiscoveredFeed(url=url, content_type=link_type, title=title))
    return sorted(found, key=lambda feed: feed.content_type == _FALLBACK_TYPE)
