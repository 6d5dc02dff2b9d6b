"""The publication date of an HTML page: displayed date near the headline against the metadata.

The labelling rules want the date as readers see it, in the publication's local time. Metadata
is often a UTC timestamp ("2014-12-19T04:38:49+00:00" for a story shown as "December 18, 2014
11:38pm"), so when the page shows a date right under its headline and that date is within a day
of the metadata date, the displayed one wins. A displayed date further off is more likely a
teaser's or the crawl day's, and the metadata wins. "Updated …" dates are skipped.

Under the headline a standfirst may mention an event date ("Ministers meet again on 4 March"),
so a date shown the way datelines are (in a ``<time>``, byline or date element, or a short text
piece that is mostly the date) is preferred over a date inside a sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from lxml.html import HtmlElement

from bot.extract.dates import is_update_line, parse_date
from bot.extract.lexicon import ALL, alternation
from bot.extract.lines import is_date_line

__all__ = ["displayed_date_after", "is_near", "pick_published_date"]

_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "button", "select"})
_WINDOW_CHARS = 1500
_WINDOW_NODES = 40
_MAX_SHIFT = dt.timedelta(days=1)
_DATE_MARKUP_DEPTH = 3
# Class or id words of the elements pages print their dateline and byline in.
_DATE_MARKUP = re.compile(alternation(ALL.date_markup_words), re.IGNORECASE)
_PUBLISHED_LABEL = re.compile(rf"\b{alternation(ALL.published_labels)}\b\s*:?", re.IGNORECASE)


def _node_texts(node: HtmlElement) -> Iterator[tuple[HtmlElement, str]]:
    """``(element holding the text, text)`` pairs of ``node``'s subtree in document order."""
    for element in node.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag not in _SKIPPED_TAGS and element.text:
            yield element, element.text
        if element.tail:
            yield element.getparent(), element.tail


def _texts_after(element: HtmlElement) -> Iterator[tuple[HtmlElement, str]]:
    """Text pieces in document order after ``element`` (a date inside the headline is no
    publication date), each with the element that holds it."""
    node: HtmlElement | None = element
    if element.tail:
        yield element.getparent(), element.tail
    while node is not None:
        for sibling in node.itersiblings():
            yield from _node_texts(sibling)
        node = node.getparent()
        if node is not None and node.tail:
            yield node.getparent(), node.tail


def _in_date_markup(element: HtmlElement | None) -> bool:
    """The text sits in a ``<time>`` or in an element whose class or id names a date or
    byline (checked a few levels up)."""
    for _ in range(_DATE_MARKUP_DEPTH):
        if element is None:
            return False
        if element.tag == "time":
            return True
        if _DATE_MARKUP.search(f"{element.get('class', '')} {element.get('id', '')}"):
            return True
        element = element.getparent()
    return False


def _published_in_piece(text: str, lang: str | None) -> dt.date | None:
    """The date in one text piece, unless it is an "Updated …" date.

    "Updated March 5, 2021 | Published March 3, 2021" gives the date after the published
    label; "December 28, 2014 at 9:10 PM, updated December 29, 2014" gives the first date:
    only the part before the update word is read.
    """
    label = _PUBLISHED_LABEL.search(text)
    if label is not None:
        text = text[label.end() :]
    if is_update_line(text):
        words = text.split()
        cut = next((index for index, word in enumerate(words) if is_update_line(word)), 0)
        text = " ".join(words[:cut])
    found = parse_date(text, lang)
    return found.date() if isinstance(found, dt.datetime) else found


def displayed_date_after(element: HtmlElement, lang: str | None) -> dt.date | None:
    """The publication date written in the page text just after ``element`` (the ``<h1>``).

    Looks at most ``_WINDOW_NODES`` text pieces and ``_WINDOW_CHARS`` characters. The first
    date shown as a dateline (in date or byline markup, or a piece that is mostly the date)
    wins; failing that, the first date in any piece. A date after "Updated" is skipped.
    """
    seen_chars = seen_pieces = 0
    in_sentence: dt.date | None = None
    for holder, piece in _texts_after(element):
        text = piece.strip()
        if not text:
            continue
        seen_pieces += 1
        if seen_pieces > _WINDOW_NODES or seen_chars > _WINDOW_CHARS:
            break
        seen_chars += len(text)
        found = _published_in_piece(text, lang)
        if found is None:
            continue
        if _in_date_markup(holder) or is_date_line(text, lang):
            return found
        in_sentence = in_sentence or found
    return in_sentence


def is_near(date: dt.date | None, other: dt.date) -> bool:
    """Whether ``date`` is within the shift a time zone or a late edit explains of ``other``."""
    return date is not None and abs(date - other) <= _MAX_SHIFT


def pick_published_date(metadata: dt.date | None, displayed: dt.date | None) -> dt.date | None:
    """Reconcile the metadata date with the date displayed under the headline."""
    if displayed is None:
        return metadata
    if metadata is None or is_near(displayed, metadata):
        return displayed
    return metadata
