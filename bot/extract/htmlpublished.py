"""The publication date of an HTML page: displayed date near the headline against the metadata.

The labelling rules want the date as readers see it, in the publication's local time. Metadata
is often a UTC timestamp ("2014-12-19T04:38:49+00:00" for a story shown as "December 18, 2014
11:38pm"), so when the page shows a date right under its headline and that date is within a day
of the metadata date, the displayed one wins. A displayed date further off is more likely a
teaser's or the crawl day's, and the metadata wins. "Updated …" dates are skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from lxml.html import HtmlElement

from bot.extract.dates import is_update_line, parse_date

__all__ = ["displayed_date_after", "pick_published_date"]

_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "button", "select"})
_WINDOW_CHARS = 1500
_WINDOW_NODES = 40
_MAX_SHIFT = dt.timedelta(days=1)


def _node_texts(node: HtmlElement) -> Iterator[str]:
    for element in node.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag not in _SKIPPED_TAGS and element.text:
            yield element.text
        if element.tail:
            yield element.tail


def _texts_after(element: HtmlElement) -> Iterator[str]:
    """Text pieces in document order after ``element`` (a date inside the headline is no
    publication date)."""
    node: HtmlElement | None = element
    if element.tail:
        yield element.tail
    while node is not None:
        for sibling in node.itersiblings():
            yield from _node_texts(sibling)
        node = node.getparent()
        if node is not None and node.tail:
            yield node.tail


def _published_in_piece(text: str, lang: str | None) -> dt.date | None:
    """The date in one text piece, unless it is an "Updated …" date.

    "December 28, 2014 at 9:10 PM, updated December 29, 2014" gives the first date: only the
    part before the update word is read.
    """
    if is_update_line(text):
        words = text.split()
        cut = next((index for index, word in enumerate(words) if is_update_line(word)), 0)
        text = " ".join(words[:cut])
    found = parse_date(text, lang)
    return found.date() if isinstance(found, dt.datetime) else found


def displayed_date_after(element: HtmlElement, lang: str | None) -> dt.date | None:
    """The first publication date written in the page text just after ``element`` (the ``<h1>``).

    Looks at most ``_WINDOW_NODES`` text pieces and ``_WINDOW_CHARS`` characters; a date that
    follows "Updated" is skipped.
    """
    seen_chars = seen_pieces = 0
    for piece in _texts_after(element):
        text = piece.strip()
        if not text:
            continue
        seen_pieces += 1
        if seen_pieces > _WINDOW_NODES or seen_chars > _WINDOW_CHARS:
            return None
        found = _published_in_piece(text, lang)
        if found is not None:
            return found
        seen_chars += len(text)
    return None


def pick_published_date(metadata: dt.date | None, displayed: dt.date | None) -> dt.date | None:
    """Reconcile the metadata date with the date displayed under the headline."""
    if displayed is None:
        return metadata
    if metadata is None or abs(displayed - metadata) <= _MAX_SHIFT:
        return displayed
    return metadata
