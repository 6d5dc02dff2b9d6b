"""Telegram HTML primitives: escaping, measuring and truncating by what the user sees.

Telegram limits a message to 4096 characters *after entity parsing*, counted in UTF-16 code
units (an emoji outside the BMP counts twice). Everything here measures that way, so a renderer
can budget a message before sending it instead of hoping it fits.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from urllib.parse import urlsplit

from telegram.constants import MessageLimit

from bot.i18n import Translator
from bot.utf16 import utf16_len

__all__ = [
    "ELLIPSIS",
    "MAX_HREF_LENGTH",
    "MAX_MESSAGE_ENTITIES",
    "MAX_MESSAGE_UNITS",
    "clean_field",
    "entity_count",
    "escape_attr",
    "escape_text",
    "field_html",
    "format_published",
    "link",
    "safe_href",
    "source_label",
    "strip_controls",
    "to_plain_text",
    "truncate_visible",
    "visible_length",
]

#: Appended to a field cut short; one UTF-16 unit.
ELLIPSIS = "…"
#: Telegram's length limit for one message, in UTF-16 code units of the visible text.
MAX_MESSAGE_UNITS = int(MessageLimit.MAX_TEXT_LENGTH)
#: Telegram shows at most this many entities (tags) per message and drops formatting beyond it.
MAX_MESSAGE_ENTITIES = int(MessageLimit.MESSAGE_ENTITIES)
#: Links longer than this are shown as text: a huge href bloats the request for nothing.
MAX_HREF_LENGTH = 2048

_TAG = re.compile(r"<[^>]*>")
_OPENING_TAG = re.compile(r"<[a-zA-Z][^>]*>")
# C0 controls other than tab and newline (our snippet marks among them), DEL, C1 controls and
# lone surrogates: never meaningful in a message (Telegram rejects surrogates), and the snippet
# marks must not leak from other fields. Also the bidirectional embeddings, overrides and
# isolates (U+202A-U+202E, U+2066-U+2069): an unclosed right-to-left override in a headline
# would reverse the rest of the line ("Trojan Source" spoofing of dates, ids and links).
# The plain marks U+200E/U+200F, which right-to-left text needs, stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
_WHITESPACE_RUN = re.compile(r"\s+")
_WHITESPACE = re.compile(r"\s")


def to_plain_text(html_text: str) -> str:
    """What a user sees of a Telegram HTML message: tags removed, entities decoded."""
    return html.unescape(_TAG.sub("", html_text))


def visible_length(html_text: str) -> int:
    """UTF-16 length of the text Telegram shows for ``html_text`` (tags and hrefs excluded)."""
    return utf16_len(to_plain_text(html_text))


def entity_count(html_text: str) -> int:
    """Number of formatting entities ``html_text`` produces: one per opening tag."""
    return len(_OPENING_TAG.findall(html_text))


def truncate_visible(text: str, max_units: int) -> str:
    """Shorten plain ``text`` to at most ``max_units`` UTF-16 units, ending in "…" when cut.

    Never splits a surrogate pair (code points are kept whole) and strips the whitespace the
    cut leaves behind. ``text`` is plain, not HTML: escape after truncating.
    """
    if max_units < 0:
        raise ValueError(f"max_units must be >= 0, got {max_units}")
    if utf16_len(text) <= max_units:
        return text
    if max_units == 0:
        return ""
    budget = max_units - utf16_len(ELLIPSIS)
    used = 0
    cut = 0
    for ch in text:
        width = 2 if ord(ch) > 0xFFFF else 1
        if used + width > budget:
            break
        used += width
        cut += 1
    return text[:cut].rstrip() + ELLIPSIS


def strip_controls(text: str) -> str:
    """``text`` without control characters (tab and newline kept)."""
    return _CONTROL.sub("", text)


def clean_field(text: str | None) -> str:
    """Article or user text made safe to measure: controls removed, whitespace runs collapsed."""
    if not text:
        return ""
    return _WHITESPACE_RUN.sub(" ", strip_controls(text)).strip()


def escape_text(text: str) -> str:
    """Escape plain text for Telegram HTML (``<``, ``>``, ``&``; quotes may stay as they are)."""
    return html.escape(text, quote=False)


def escape_attr(value: str) -> str:
    """Escape an attribute value for a double-quoted attribute (``&quot;`` is accepted)."""
    return html.escape(value, quote=False).replace('"', "&quot;")


def field_html(text: str | None, max_units: int) -> str:
    """Clean, truncate by visible length, then escape one article or user field."""
    return escape_text(truncate_visible(clean_field(text), max_units))


def safe_href(url: str | None) -> str | None:
    """``url`` when it can be a Telegram link (http, https or tg; sane length), else None."""
    if not url:
        return None
    return _checked_href(url)


@functools.lru_cache(maxsize=4096)
def _checked_href(url: str) -> str | None:
    """:func:`safe_href` of a non-empty ``url``, cached: a digest links each article's URL
    twice (headline and source), and a digest of a hundred articles was a quarter URL checks."""
    url = url.strip()
    if len(url) > MAX_HREF_LENGTH or _CONTROL.search(url) or _WHITESPACE.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    # The scheme is sent lower-case; a ``tg:`` link needs a target (``tg://resolve?...``).
    normalised = scheme + url[len(scheme) :]
    if scheme == "tg" and parts.netloc:
        return normalised
    # Telegram drops http(s) links whose host has no dot; show those as text instead.
    if scheme in ("http", "https") and "." in (parts.hostname or "").strip("."):
        return normalised
    return None


def link(text_html: str, url: str | None) -> str:
    """``text_html`` wrapped in a link to ``url``, or left as it is when the URL is unusable."""
    href = safe_href(url)
    if href is None:
        return text_html
    return f'<a href="{escape_attr(href)}">{text_html}</a>'


def format_published(t: Translator, published: dt.date | dt.datetime | None) -> str:
    """An article's publication date as readers of ``t``'s language write it ("3 December
    2026", "3 декабря 2026"), or that it is unknown."""
    if published is None:
        return t.gettext("date unknown")
    if isinstance(published, dt.datetime):
        return t.format_date(published.date())
    return t.format_date(published)


def source_label(source_title: str | None, source_url: str | None) -> str | None:
    """A short plain-text name for where an article came from, or None when nothing is known."""
    title = clean_field(source_title)
    if title:
        return title
    if not source_url:
        return None
    try:
        host = urlsplit(source_url.strip()).hostname
    except ValueError:
        host = None
    return host.removeprefix("www.") if host else clean_field(source_url)
