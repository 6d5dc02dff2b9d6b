"""Sentence splitting good enough for a lead: abbreviations, initials and quotes aware.

A regex splitter, not a parser: it must be fast (it runs on every article) and predictable.
A sentence ends at ``.``, ``!``, ``?`` or ``…`` (optionally followed by closing quotes or
brackets) when white space and an upper-case letter, digit, or opening quote follow, unless the
word before the period is a known abbreviation or a single initial. A paragraph break always
ends a sentence.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from bot.extract.lexicon import ALL

__all__ = ["LEAD_MAX_CHARS", "first_sentences", "lead_sentences", "split_sentences"]

LEAD_MAX_CHARS = 500
"""A second lead sentence is only added while the lead stays within this many characters."""

# Lower-cased, without the final period: titles, months and common abbreviations of the
# languages the bot meets (initials are generic).
_ABBREVIATIONS = frozenset(ALL.abbreviations)

_BOUNDARY = re.compile(r"([.!?…][\"'”’»“]*\)?)\s+(?=[\"'“‘«„(]?(\w))")
_LAST_WORD = re.compile(r"([^\s(\[\"'“‘«„]+)\.[\"'”’»]*\)?\s*$")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=\s*[-•*–—]\s)")
# White-space runs that are not already a single space (those need no replacement).
_SPACES = re.compile(r"\s{2,}|[^\S ]")


def _is_abbreviation(chunk: str) -> bool:
    # _LAST_WORD holds no white space before its trailing run, so it can only match within the
    # last white-space-free token: searching that token alone spares a scan of the whole chunk.
    tokens = chunk.rsplit(None, 1)
    match = _LAST_WORD.search(tokens[-1]) if tokens else None
    if match is None:
        return False
    word = match.group(1).lower()
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. Smith"
    return word in _ABBREVIATIONS


def _split_paragraph(paragraph: str) -> Iterator[str]:
    start = 0
    pending = ""
    for match in _BOUNDARY.finditer(paragraph):
        following = match.group(2)
        if not (following.isupper() or following.isdigit()):
            continue
        chunk = paragraph[start : match.end(1)]
        start = match.end()
        pending = f"{pending} {chunk}" if pending else chunk
        if _is_abbreviation(pending):
            continue
        yield pending
        pending = ""
    tail = paragraph[start:]
    pending = f"{pending} {tail}" if pending else tail
    if pending.strip():
        yield pending


def _iter_sentences(text: str) -> Iterator[str]:
    """Sentences of ``text`` in order, produced lazily so a lead costs only its first lines."""
    for paragraph in _PARAGRAPH_BREAK.split(text):
        for sentence in _split_paragraph(paragraph):
            collapsed = _SPACES.sub(" ", sentence).strip()
            if collapsed:
                yield collapsed


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences with white space collapsed; empty pieces are dropped."""
    return list(_iter_sentences(text))


def first_sentences(text: str, n: int) -> list[str]:
    """The first ``n`` sentences of ``text``, as ``split_sentences`` gives them, splitting no
    further than needed (``len(first_sentences(line, 2)) == 1`` asks "one sentence?" cheaply)."""
    return list(itertools.islice(_iter_sentences(text), n))


def lead_sentences(body: str, n: int = 2) -> str:
    """Return the first ``n`` sentences of ``body`` joined by a space.

    The first sentence is always included (the lead is never empty for a non-empty body);
    further sentences only while the lead stays within ``LEAD_MAX_CHARS``.
    """
    lead = ""
    for sentence in itertools.islice(_iter_sentences(body), max(n, 1)):
        if not lead:
            lead = sentence
        elif len(lead) + 1 + len(sentence) <= LEAD_MAX_CHARS:
            lead = f"{lead} {sentence}"
        else:
            break
    return lead
