"""SGML news records (``<DOC>`` files of wire-service collections): title, date and body.

A record names its fields with upper-case elements: ``<TITLE>`` (or ``<HEADLINE>``, ``<HL>``),
``<DATE>`` and ``<BODY>`` (or ``<TEXT>``). The body is hard-wrapped wire text whose paragraphs
start indented.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass

from bot.extract import lines as noise
from bot.extract.dates import parse_date
from bot.extract.decode import clean_text

__all__ = ["SgmlRecord", "looks_like_sgml_record", "read_sgml_record"]

_SNIFF_CHARS = 4000
_FIELD = r"<{tag}(?:\s[^>]*)?>(.*?)</{tag}>"
_TITLE = re.compile(_FIELD.format(tag="(?:TITLE|HEADLINE|HL)"), re.S)
_DATE = re.compile(_FIELD.format(tag="DATE"), re.S)
_BODY = re.compile(_FIELD.format(tag="BODY"), re.S)
_TEXT = re.compile(_FIELD.format(tag="TEXT"), re.S)
_SPACES = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True, slots=True)
class SgmlRecord:
    """The fields of one record; ``body`` is paragraphs separated by blank lines."""

    headline: str
    body: str
    published: dt.date | dt.datetime | None


def looks_like_sgml_record(text: str) -> bool:
    """An SGML news record: upper-case ``<TITLE>`` and ``<BODY>``/``<TEXT>`` elements."""
    head = text[:_SNIFF_CHARS]
    return "<TITLE>" in head and ("<BODY>" in text or "<TEXT>" in text)


def _reflow_wire_body(body: str) -> str:
    """Hard-wrapped wire text marks paragraphs by indentation: join the wrapped lines."""
    paragraphs: list[str] = []
    for line in body.split("\n"):
        if not line.strip():
            continue
        if line[:1].isspace() or not paragraphs:
            paragraphs.append(line.strip())
        else:
            paragraphs[-1] = f"{paragraphs[-1]} {line.strip()}"
    return "\n\n".join(paragraphs)


def read_sgml_record(text: str) -> SgmlRecord:
    """The headline, date and body of an SGML record; headings inside the body are dropped."""
    title = _TITLE.search(text)
    date = _DATE.search(text)
    body = _BODY.search(text) or _TEXT.search(text)
    body_text = html.unescape(body.group(1)) if body else ""
    body_text = _reflow_wire_body(clean_text(body_text))
    headline = _SPACES.sub(" ", html.unescape(title.group(1))).strip() if title else ""
    published = parse_date(html.unescape(date.group(1))) if date else None
    kept = [p for p in body_text.split("\n\n") if not noise.is_heading_like(p)]
    return SgmlRecord(headline=headline, body="\n\n".join(kept), published=published)
