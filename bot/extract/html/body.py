"""The article body of an HTML page: trafilatura's main text without the lines that are not prose.

trafilatura already drops navigation, sidebars and comments; what can remain are the one-line
items news pages put inside the article column: "READ MORE: …" / "Lire aussi" / "Также по
теме" link lines, photo credits ("Photo: …", "(Foto: …)", "© …"), "Advertisement" labels and
"This article originally appeared on …" notes, and the headline itself at the top. Those lines
would otherwise reach the lead and the quote finder, so they are removed here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.etree import _Element

from bot.extract.html.title import title_similarity
from bot.extract.lexicon import ALL, alternation

__all__ = ["body_paragraphs", "clean_body", "is_noise_line"]

# Elements of trafilatura's output tree that hold other blocks rather than running text.
_CONTAINERS = frozenset({"div", "list", "quote", "table", "row", "body", "doc", "main", "section"})
_LINE_BREAK = "lb"

_HEADLINE_SCAN_LINES = 3
_SAME_TITLE = 0.9

_RELATED_LINK = re.compile(
    rf"^\s*{alternation(ALL.related_link_labels)}\b\s*[:.»>|-]", re.IGNORECASE
)
_CREDIT = re.compile(
    rf"^\s*[(\[]?\s*(?:©|\(c\)|{alternation(ALL.credit_words)})\s*[:/]", re.IGNORECASE
)
_LABEL = re.compile(rf"^\s*{alternation(ALL.page_labels)}\s*$", re.IGNORECASE)


def is_noise_line(line: str) -> bool:
    """True for a related-link line, a photo credit or an advertisement label."""
    return bool(_RELATED_LINK.match(line) or _CREDIT.match(line) or _LABEL.match(line))


def _leaf_lines(element: _Element) -> Iterator[str]:
    """The text of one block, split at its ``<lb/>`` (``<br>``) line breaks."""
    current = [element.text or ""]
    for child in element:
        if child.tag == _LINE_BREAK:
            yield " ".join("".join(current).split())
            current = []
        else:
            # lxml-stubs type itertext() as str | bytes; on Python 3 it yields str.
            current.append("".join(child.itertext()))  # type: ignore[arg-type]
        current.append(child.tail or "")
    yield " ".join("".join(current).split())


def body_paragraphs(body: _Element) -> list[str]:
    """Paragraphs of trafilatura's output tree, white space (and source line wrapping) collapsed.

    The page's own line wrapping inside a ``<p>`` survives in trafilatura's plain text; reading
    the tree block by block keeps a paragraph whole ("Was\nwürde …" stays one sentence).
    """
    paragraphs: list[str] = []
    has_blocks = any(isinstance(child.tag, str) and child.tag != _LINE_BREAK for child in body)
    if body.tag not in _CONTAINERS or not has_blocks:
        return [line for line in _leaf_lines(body) if line]
    if body.text and body.text.strip():
        paragraphs.append(" ".join(body.text.split()))
    for child in body:
        if isinstance(child.tag, str):
            paragraphs.extend(body_paragraphs(child))
        if child.tail and child.tail.strip():
            paragraphs.append(" ".join(child.tail.split()))
    return paragraphs


def clean_body(paragraphs: list[str], headline: str | None = None) -> str:
    """The paragraphs without noise lines, separated by one blank line.

    trafilatura often starts the main text with the headline (and sometimes its kicker form);
    a line among the first few that repeats ``headline`` is not body text and is dropped.
    """
    kept = [line for line in paragraphs if line and not is_noise_line(line)]
    if headline:
        head = [
            line
            for line in kept[:_HEADLINE_SCAN_LINES]
            if title_similarity(line, headline) < _SAME_TITLE
        ]
        kept = head + kept[_HEADLINE_SCAN_LINES:]
    return "\n\n".join(kept)
