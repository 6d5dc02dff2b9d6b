"""Feed markup -> plain text: tags dropped, entities decoded, paragraphs kept as blank lines.

Feed fields are small HTML fragments (an RSS ``description``, ``content:encoded``, a JSON Feed
``content_html``), often escaped once more than needed. The standard library's tolerant HTML
parser reads them; block elements become paragraph breaks, ``<br>`` a line break, and the text
of ``script``/``style`` elements is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

__all__ = ["html_to_text", "plain_text"]

_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
        "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip
_SKIPPED = frozenset({"script", "style", "noscript", "template", "head", "title"})
_PARAGRAPH = "\x00"  # a marker no decoded text contains once control characters are removed
_LINE = "\x01"

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skip_depth += 1
        elif tag == "br":
            self.parts.append(_LINE)
        elif tag in _BLOCKS:
            self.parts.append(_PARAGRAPH)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append(_LINE)
        elif tag in _BLOCKS:
            self.parts.append(_PARAGRAPH)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCKS:
            self.parts.append(_PARAGRAPH)

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(_CONTROLS.sub(" ", data))


def _tidy(text: str) -> str:
    text = _ZERO_WIDTH.sub("", unicodedata.normalize("NFC", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def html_to_text(fragment: str) -> str:
    """The readable text of an HTML fragment: ``<p>One</p><p>Two &amp; three</p>`` ->
    ``"One\\n\\nTwo & three"``. A fragment without markup comes back with its entities decoded
    and its white space tidied."""
    collector = _TextCollector()
    collector.feed(fragment.replace("\r\n", "\n").replace("\r", "\n"))
    collector.close()
    raw = "".join(collector.parts)
    # Runs of white space inside the HTML source are not line breaks; only markers are.
    raw = re.sub(r"\s+", " ", raw)
    raw = raw.replace(_LINE, "\n")
    raw = re.sub(f"(?: ?{_PARAGRAPH} ?)+", "\n\n", raw)
    return _tidy(raw)


def plain_text(value: str) -> str:
    """A field declared as plain text (Atom ``type="text"``, JSON ``content_text``,
    ``summary``): only white space and invisible characters are tidied; ``<`` stays ``<``."""
    return _tidy(_CONTROLS.sub(" ", value.replace("\r\n", "\n").replace("\r", "\n")))
