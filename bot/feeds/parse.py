"""The one entry point for a fetched feed: bytes + declared type + URL -> :class:`ParsedFeed`."""

from __future__ import annotations

from bot.feeds.jsonfeed import read_json_feed
from bot.feeds.model import ParsedFeed
from bot.feeds.sniff import sniff_document
from bot.feeds.xmlfeed import read_xml_feed

__all__ = ["parse_feed"]


def parse_feed(
    body: bytes, *, content_type: str | None = None, url: str | None = None
) -> ParsedFeed:
    """Read an RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed 1.0/1.1 document.

    ``content_type`` is the response's ``Content-Type`` header (its charset wins over the
    document's own declaration, as HTTP says); without one the encoding is the document's
    declaration, its byte-order mark, UTF-8, or else a guess from the bytes. ``url`` is where
    the feed came from: relative links are resolved against it.

    Raises:
        NotAFeedError: the document is no feed; ``looks_like_html`` tells a web page apart,
            whose announced feeds :func:`bot.feeds.discover_feeds` finds.
        UnsafeFeedError: XML declaring entities, refused before parsing.
    """
    sniffed = sniff_document(body, content_type)
    if sniffed.kind == "json":
        return read_json_feed(body, charset=sniffed.charset, url=url)
    return read_xml_feed(body, charset=sniffed.charset, url=url)
