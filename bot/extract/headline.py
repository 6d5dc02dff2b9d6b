"""Choosing the headline of a plain-text article among the lines of its first block.

``text.py`` settles most articles by position (a first line followed by a blank line, a date
or a byline is the title). This scorer only decides among several adjacent lines: earlier lines
are preferred, the line sitting directly above a byline or date line is the title's usual place,
a title has no final period, and a caption-like sentence in the present continuous ("X is
holding a press conference.") is penalised. Title case is a small bonus, worth less than one
step of position. When an article has no title-like line at all, its first sentence, shortened,
stands in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.extract.lines import is_caption_sentence, is_title_case, word_count
from bot.extract.sentences import first_sentences

__all__ = [
    "HEADLINE_MAX_CHARS",
    "HeadlineCandidate",
    "fallback_headline",
    "headline_score",
    "pick_headline",
]

HEADLINE_MAX_CHARS = 200
"""A headline made from a first sentence is cut to about this many characters."""

_POSITION_PENALTY = 0.75
_TITLE_CASE_BONUS = 0.5
_ABOVE_BYLINE_BONUS = 1.0
_MIN_WORDS = 3
_MAX_WORDS = 30
_CLOSING_MARKS = "\"'”’»“)]"
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class HeadlineCandidate:
    """A top line that may be the headline, and whether a byline or date line follows it."""

    text: str
    above_byline: bool = False


def headline_score(line: str, position: int, *, above_byline: bool = False) -> float:
    """How much ``line`` (the ``position``-th candidate from the top) looks like a headline."""
    stripped = line.strip().rstrip(_CLOSING_MARKS)
    words = word_count(stripped)
    score = -_POSITION_PENALTY * position
    if above_byline:
        score += _ABOVE_BYLINE_BONUS
    if _MIN_WORDS <= words <= _MAX_WORDS:
        score += 1.0
    elif words < _MIN_WORDS:
        score -= 1.5
    else:
        score -= 2.0
    if stripped.endswith("."):
        score -= 2.0
    elif stripped.endswith((":", ";", ",")):
        score -= 1.0
    if is_title_case(stripped):
        score += _TITLE_CASE_BONUS
    if is_caption_sentence(line):
        score -= 2.0
    if len(first_sentences(stripped, 2)) > 1:
        score -= 1.0
    return score


def pick_headline(candidates: Sequence[str | HeadlineCandidate]) -> int | None:
    """Index of the best headline among ``candidates`` (top lines in order), or None when
    there are none."""
    best: tuple[float, int] | None = None
    for position, candidate in enumerate(candidates):
        if isinstance(candidate, str):
            candidate = HeadlineCandidate(candidate)
        score = headline_score(candidate.text, position, above_byline=candidate.above_byline)
        if best is None or score > best[0]:
            best = (score, position)
    return best[1] if best else None


def fallback_headline(text: str) -> str:
    """The first sentence of ``text``'s first line, cut at a word boundary near
    ``HEADLINE_MAX_CHARS``."""
    first_line = next((line for line in text.split("\n") if line.strip()), "")
    sentences = first_sentences(first_line, 1)
    first = sentences[0] if sentences else _SPACES.sub(" ", first_line).strip()
    if len(first) <= HEADLINE_MAX_CHARS:
        return first
    cut = first[:HEADLINE_MAX_CHARS].rsplit(" ", 1)[0].rstrip(",;:-–— ")
    return f"{cut}…"
