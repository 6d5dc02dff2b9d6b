"""Plain text whose body is marked up: a title line and a date line over an HTML fragment.

Datasets and scrapers store articles as a title, a date and the page's body fragment ('<p>…</p>',
entities, inline ad scripts, or a dataset's own tags such as '<tx><ld><p>'). Read as an HTML page
it has no title element and its first paragraph wins the headline; read as plain text its tags
are words. Such an input is plain text once its markup is turned into paragraphs.
"""

from __future__ import annotations

import html
import re

__all__ = ["is_marked_up_text", "markdown_links_as_text", "markup_to_text"]

#: Markup that starts a whole document: such an input is an HTML page, not marked-up text.
_DOCUMENT_RE = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_TAG_RE = re.compile(r"<\s*/?\s*([a-zA-Z][\w:-]*)(?:\s[^<>]*)?/?\s*>")
#: Elements whose content is never text: scripts, styles, embedded frames.
_HIDDEN_RE = re.compile(
    r"<\s*(script|style|noscript|iframe)\b[^>]*>.*?<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL
)
_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
#: Elements that stay inside a paragraph; every other tag (known or a dataset's own) ends one.
_INLINE = frozenset(
    ("a", "abbr", "b", "big", "cite", "code", "em", "font", "i", "mark", "q", "s", "small")
    + ("span", "strong", "sub", "sup", "time", "u")
)
_MIN_TAGS = 3
_BLANK_LINES_RE = re.compile(r"\n\s*\n(?:\s*\n)+")
_LINE_SPACE_RE = re.compile(r"[ \t\u00a0]+\n|\n[ \t\u00a0]+")


def is_marked_up_text(text: str) -> bool:
    """True when ``text`` opens with a plain line (no tag in it) and its body carries markup:
    at least three tags and no document structure ('<html>', '<head>', a doctype)."""
    stripped = text.lstrip()
    first_line = stripped.split("\n", 1)[0]
    if not first_line or "<" in first_line or _DOCUMENT_RE.search(stripped[:4096]):
        return False
    tags = _TAG_RE.finditer(stripped, 0, 20_000)
    return sum(1 for _, _tag in zip(range(_MIN_TAGS), tags, strict=False)) >= _MIN_TAGS


def _replace_tag(match: re.Match[str]) -> str:
    return "" if match.group(1).casefold() in _INLINE else "\n\n"


def markup_to_text(text: str) -> str:
    """The text with its markup turned into paragraphs: scripts and comments dropped, inline
    tags removed, every other tag a paragraph break, entities decoded ('&ndash;' -> '–')."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _HIDDEN_RE.sub("\n\n", text)
    text = _COMMENT_RE.sub("", text)
    text = _TAG_RE.sub(_replace_tag, text)
    text = html.unescape(text)
    text = _LINE_SPACE_RE.sub("\n", text)
    return _BLANK_LINES_RE.sub("\n\n", text).strip() + "\n"


#: Markdown images ('![alt](src "title")'): pictures, not words of the article.
_MARKDOWN_IMAGE_RE = re.compile(r'!\[[^\]\n]*\]\([^()\s]*(?:\s+"[^"\n]*")?\)')
#: Markdown links ('[text](href "title")'): the text stays, the address and its title go.
_MARKDOWN_LINK_RE = re.compile(r'\[([^\[\]\n]*)\]\([^()\s]*(?:\s+"[^"\n]*")?\)')


def markdown_links_as_text(text: str) -> str:
    """Markdown images dropped and links reduced to their text: the quoted link titles of
    '[a series](http://… "Imenem Azarova")' are no quotations of the article."""
    if "](" not in text:
        return text
    return _MARKDOWN_LINK_RE.sub(r"\1", _MARKDOWN_IMAGE_RE.sub("", text))
